#include "events/stop_words.h"

#include <cstdint>

#include "absl/container/flat_hash_set.h"

namespace neardup::events {
namespace {

// Normalized forms (case folded, apostrophes dropped: "don't" -> "dont").
constexpr std::string_view kEnglish[] = {
    "a", "about", "above", "after", "again", "against", "all", "almost",
    "also", "although", "am", "among", "an", "and", "another", "any", "are",
    "around", "as", "at", "be", "became", "because", "been", "before",
    "being", "below", "between", "both", "but", "by", "can", "cannot",
    "could", "did", "do", "does", "doing", "done", "down", "during", "each",
    "either", "else", "etc", "even", "ever", "every", "few", "for", "from",
    "further", "get", "gets", "got", "had", "has", "have", "having", "he",
    "her", "here", "hers", "herself", "him", "himself", "his", "how",
    "however", "i", "if", "in", "into", "is", "it", "its", "itself", "just",
    "last", "least", "less", "like", "made", "make", "many", "may", "me",
    "might", "more", "most", "much", "must", "my", "myself", "neither",
    "never", "next", "no", "nor", "not", "now", "of", "off", "often", "on",
    "once", "one", "only", "or", "other", "others", "our", "ours",
    "ourselves", "out", "over", "own", "per", "perhaps", "rather", "same",
    "several", "shall", "she", "should", "since", "so", "some", "such",
    "than", "that", "the", "their", "theirs", "them", "themselves", "then",
    "there", "these", "they", "this", "those", "though", "through", "thus",
    "to", "too", "under", "until", "up", "upon", "us", "very", "via", "was",
    "we", "well", "were", "what", "when", "where", "whether", "which",
    "while", "who", "whom", "whose", "why", "will", "with", "within",
    "without", "would", "yet", "you", "your", "yours", "yourself",
    "dont", "doesnt", "didnt", "isnt", "wasnt", "arent", "werent", "wont",
    "cant", "couldnt", "shouldnt", "wouldnt", "hasnt", "havent", "hadnt",
    "its", "thats", "theres", "theyre", "youre", "weve", "ive", "id", "im",
    // reporting and filler words of news prose
    "said", "says", "say", "saying", "told", "tell", "added", "according",
    "reported", "reports", "report", "stated", "noted", "asked", "mr", "mrs",
    "ms", "dr", "new", "news", "read", "year", "years", "day", "days",
    "today", "yesterday", "tomorrow", "week", "weeks", "month", "months",
    "time", "times", "including", "first", "two", "three",
    // weekdays and months
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
    "sunday", "january", "february", "march", "april", "june", "july",
    "august", "september", "october", "november", "december",
};

// Normalized forms, ё folded to е.
constexpr std::string_view kRussian[] = {
    "а", "без", "более", "бы", "был", "была", "были", "было", "быть", "в",
    "вам", "вас", "весь", "во", "вот", "все", "всего", "всех", "всю", "вы",
    "где", "да", "даже", "для", "до", "его", "ее", "ей", "ему", "если",
    "есть", "еще", "же", "за", "здесь", "и", "из", "или", "им", "их", "к",
    "как", "какой", "когда", "кроме", "кто", "ли", "либо", "между", "меня",
    "мне", "много", "может", "можно", "мы", "на", "над", "надо", "наш",
    "не", "него", "нее", "нет", "ни", "них", "но", "ну", "о", "об", "однако",
    "он", "она", "они", "оно", "от", "очень", "по", "под", "после", "при",
    "про", "с", "со", "так", "также", "такой", "там", "те", "тем", "то",
    "того", "тоже", "той", "только", "том", "ты", "у", "уже", "чем", "что",
    "чтобы", "эта", "эти", "это", "этого", "этой", "этом", "этот", "я",
    "который", "которая", "которое", "которые", "которого", "которой",
    "которых", "котором", "свой", "своей", "своих", "себя", "сам", "сейчас",
    "будет", "будут", "бывает", "ранее", "более", "менее", "пока", "через",
    "этому", "тот", "всем", "всё", "раз", "nbsp",
    // reporting and filler words of news prose
    "сказал", "сказала", "заявил", "заявила", "заявили", "сообщил",
    "сообщила", "сообщили", "сообщает", "сообщается", "отметил", "отметила",
    "отмечается", "пишет", "передает", "рассказал", "рассказала", "напомним",
    "словам", "данным", "также", "год", "года", "году", "лет", "день", "дня",
    "сегодня", "вчера", "завтра", "время", "новости", "подробнее",
    // weekdays and months (nominative and genitive)
    "понедельник", "вторник", "среда", "среду", "четверг", "пятница",
    "пятницу", "суббота", "субботу", "воскресенье", "января", "февраля",
    "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
    "октября", "ноября", "декабря", "январь", "февраль", "март", "апрель",
    "май", "июнь", "июль", "август", "сентябрь", "октябрь", "ноябрь",
    "декабрь",
};

// A hash of the length and three of the bytes: enough to spread the stop
// words, and much cheaper than hashing a whole word on every look-up.
struct SampleHash {
  size_t operator()(std::string_view word) const {
    if (word.empty()) return 0;
    const auto byte = [&](size_t i) {
      return static_cast<uint64_t>(static_cast<uint8_t>(word[i]));
    };
    uint64_t h = word.size() | byte(0) << 8 | byte(word.size() / 2) << 16 |
                 byte(word.size() - 1) << 24;
    h *= 0x9E3779B97F4A7C15ULL;
    return static_cast<size_t>(h ^ (h >> 29));
  }
};

using StopWordSet = absl::flat_hash_set<std::string_view, SampleHash>;

const StopWordSet& StopWords() {
  static const auto* const words = [] {
    auto* set = new StopWordSet();
    for (std::string_view word : kEnglish) set->insert(word);
    for (std::string_view word : kRussian) set->insert(word);
    return set;
  }();
  return *words;
}

}  // namespace

bool IsStopWord(std::string_view word) { return StopWords().contains(word); }

}  // namespace neardup::events
