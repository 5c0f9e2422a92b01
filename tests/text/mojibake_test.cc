// Tests of mojibake detection and repair on the damaged seed 003, clean
// seeds, clean text in other languages and Windows-1252 mojibake.
#include "text/mojibake.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "seed_reader.h"
#include "text/tokenizer.h"
#include "text/utf8.h"

namespace neardup::text {
namespace {

using testing::ReadSeed;

std::vector<uint64_t> TokenHashes(std::string_view text) {
  std::vector<Token> tokens;
  Tokenizer().Tokenize(text, &tokens);
  std::vector<uint64_t> hashes;
  for (const Token& t : tokens) hashes.push_back(t.hash);
  return hashes;
}

// Share of `expected`'s tokens found in `actual`, as multisets.
double TokenOverlap(std::string_view expected, std::string_view actual) {
  std::vector<uint64_t> a = TokenHashes(expected);
  std::vector<uint64_t> b = TokenHashes(actual);
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  std::vector<uint64_t> common;
  std::set_intersection(a.begin(), a.end(), b.begin(), b.end(),
                        std::back_inserter(common));
  return a.empty() ? 1.0
                   : static_cast<double>(common.size()) /
                         static_cast<double>(std::max(a.size(), b.size()));
}

// The line of `text` that starts with `prefix`, or "".
std::string LineStartingWith(const std::string& text,
                             const std::string& prefix) {
  const size_t at = text.find(prefix);
  if (at == std::string::npos) return "";
  const size_t end = text.find('\n', at);
  return text.substr(at, end == std::string::npos ? end : end - at);
}

// Simulates a UTF-8 -> single-byte code page round trip for Windows-1252:
// each byte becomes the character the code page gives it; bytes 0x80..0x9F
// are dropped when `drop_c1`, else kept as their Windows-1252 character (or,
// where Windows-1252 has none, the C1 control of that value, as WHATWG
// decoders do).
std::string MisreadAsWindows1252(std::string_view utf8, bool drop_c1) {
  static const char32_t kHigh[32] = {
      0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
      0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
      0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
      0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178};
  std::string out;
  for (const char c : utf8) {
    const auto b = static_cast<unsigned char>(c);
    if (b < 0x80) {
      out.push_back(c);
    } else if (b < 0xA0) {
      if (!drop_c1) AppendUtf8(kHigh[b - 0x80] != 0 ? kHigh[b - 0x80] : b, &out);
    } else {
      AppendUtf8(b, &out);
    }
  }
  return out;
}

// Paragraphs of seed 003 as the outlet published them, typed from the
// article (the seed holds them damaged).
const char kCleanLiQiang[] =
    "Li Qiang, China’s no. 2 leader, told Raimondo he was ready to “make new "
    "positive efforts” to improve cooperation, but expressed the hope that "
    "Washington would undertake “concrete actions” — likely a reference to "
    "U.S. export controls and policy on Taiwan.";
const char kCleanDefended[] =
    "She defended Washington’s strategy of “de-risking” supply chains and "
    "encouraging more high-tech manufacturing in the U.S., and stated that "
    "the U.S. will never compromise on issues of national security. But, she "
    "continued, “we do not seek to decouple or to hold China’s economy "
    "back.”";

TEST_CASE("seed 003 is detected as Windows-874 mojibake", "[mojibake]") {
  const auto seed = ReadSeed("003_");
  if (!seed) {
    WARN("samples/news/003 not found; skipped");
    return;
  }
  const MojibakeRepair r = RepairMojibake(*seed);
  REQUIRE(r.detected);
  CHECK(r.code_page == "windows-874");
  CHECK(IsValidUtf8(r.text));
  // The damage: ’ (E2 80 99) lost 80 and 99 and became โ (E2).
  CHECK(seed->find("administrationโs") != std::string::npos);
  CHECK(r.text.find("administration’s") != std::string::npos);
  CHECK(r.text.find("โ") == std::string::npos);
  // “ ” around words, — between spaces.
  CHECK(r.text.find("an “information exchange” on") != std::string::npos);
  CHECK(r.text.find("“concrete actions” — likely") != std::string::npos);
  // Qiáng: á = C3 A1 survived whole as รก. 强 = E5 BC BA survived as ๅผบ.
  // 李 = E6 9D 8E kept only E6 (ๆ); ǐ = C7 90 kept only C7 (ว): markers.
  CHECK(r.text.find("Premier L\uFFFD Qiáng \uFFFD强 to") != std::string::npos);
  // 习 = E4 B9 A0: its A0 became a space between ไน and the next fragment.
  CHECK(r.text.find("Xí Jìnpíng’s 习\uFFFD平") != std::string::npos);
  CHECK(r.repairs > 10);
  CHECK(r.guesses > 20);
  CHECK(r.markers > 0);
  // Nothing outside the damaged stretches changed: the ASCII skeleton is
  // the same.
  auto ascii = [](const std::string& s) {
    std::string out;
    for (const char c : s) {
      if (static_cast<unsigned char>(c) < 0x80 && c != ' ') out.push_back(c);
    }
    return out;
  };
  CHECK(ascii(r.text) == ascii(*seed));
}

TEST_CASE("repaired seed 003 tokenizes like the clean article",
          "[mojibake]") {
  const auto seed = ReadSeed("003_");
  if (!seed) {
    WARN("samples/news/003 not found; skipped");
    return;
  }
  const std::string repaired = RepairMojibake(*seed).text;
  for (const char* clean : {kCleanLiQiang, kCleanDefended}) {
    const std::string prefix = std::string(clean).substr(0, 12);
    const std::string damaged_line = LineStartingWith(*seed, prefix);
    const std::string repaired_line = LineStartingWith(repaired, prefix);
    REQUIRE_FALSE(damaged_line.empty());
    REQUIRE_FALSE(repaired_line.empty());
    // Damaged, the stray Thai characters split and add tokens.
    CHECK(TokenOverlap(clean, damaged_line) < 0.9);
    CHECK(TokenOverlap(clean, repaired_line) >= 0.95);
  }
}

TEST_CASE("clean seeds are not detected", "[mojibake]") {
  for (const char* prefix : {"000_", "001_", "002_", "004_"}) {
    const auto seed = ReadSeed(prefix);
    if (!seed) {
      WARN("seed " << prefix << " not found; skipped");
      continue;
    }
    const MojibakeRepair r = RepairMojibake(*seed);
    CHECK_FALSE(r.detected);
    CHECK(r.text.empty());
  }
}

TEST_CASE("clean text in other languages is not detected", "[mojibake]") {
  const char* clean[] = {
      // Thai: Bangkok is the capital and most populous city of Thailand...
      "กรุงเทพมหานครเป็นเมืองหลวงและนครที่มีประชากรมากที่สุดของประเทศไทย "
      "เป็นศูนย์กลางการปกครอง การศึกษา การคมนาคมขนส่ง การเงินการธนาคาร "
      "นายกรัฐมนตรีกล่าวว่ารัฐบาลจะเร่งแก้ไขปัญหาเศรษฐกิจ",
      "ราคาน้ำมันวันนี้ปรับขึ้น ๕๐ สตางค์ต่อลิตร ตามประกาศของกระทรวงพลังงาน",
      // French, Portuguese, German, Latin-1 letters in capitals too.
      "Le café de la gare était fermé. Élève à l'école, il a reçu « très "
      "bien ». Où êtes-vous allés cet été ? Ça coûte 20 € — c'est cher.",
      "INFORMAÇÕES SOBRE A SITUAÇÃO EM SÃO PAULO: não há previsão.",
      "Grüße aus Zürich: Straße, Größe, Äpfel, Öl, Übermaß. ©2024 ±3°C.",
      // French typography: no-break spaces inside « », after accents
      // (é NBSP » re-encodes to E9 A0 BB, a well-formed UTF-8 sequence).
      "Il a dit\u00A0: «\u00A0C'est réglé\u00A0», puis «\u00A0Tout est "
      "passé\u00A0» et «\u00A0c'est allé\u00A0».",
      "Việt Nam: Hà Nội là thủ đô, các tỉnh phía Nam và những thành phố.",
      "Þjóðin á Íslandi: Reykjavík, Akureyri, Ísafjörður, Egilsstaðir.",
      // Chinese, Russian, mixed quotes.
      "美国国务卿布林肯与中国国家主席习近平会面。“双方同意继续沟通。”",
      "Блинкен встретился с Си Цзиньпином в Пекине — «диалог продолжится».",
  };
  for (const char* text : clean) {
    INFO(text);
    CHECK_FALSE(RepairMojibake(text).detected);
  }
}

TEST_CASE("Windows-1252 mojibake is detected and repaired", "[mojibake]") {
  const std::string clean =
      "The café’s owner said: “Ça va très bien” — déjà vu in São Paulo.";
  const std::string damaged = MisreadAsWindows1252(clean, /*drop_c1=*/false);
  REQUIRE(damaged.find("cafÃ©") != std::string::npos);
  REQUIRE(damaged.find("â€™") != std::string::npos);
  const MojibakeRepair r = RepairMojibake(damaged);
  REQUIRE(r.detected);
  CHECK(r.code_page == "windows-1252");
  CHECK(r.text == clean);
  CHECK(r.markers == 0);
  CHECK(r.guesses == 0);
}

TEST_CASE("Latin-1 mojibake with C1 bytes lost is repaired from context",
          "[mojibake]") {
  const std::string clean = "It’s the école’s “best” café — truly.";
  const std::string damaged = MisreadAsWindows1252(clean, /*drop_c1=*/true);
  // ’ = E2 80 99 keeps only E2 (â); é = C3 A9 keeps both (Ã©).
  REQUIRE(damaged == "Itâs the Ã©coleâs âbestâ cafÃ© â truly.");
  const MojibakeRepair r = RepairMojibake(damaged);
  REQUIRE(r.detected);
  CHECK(r.text == clean);
  CHECK(r.repairs == 2);
  CHECK(r.guesses == 5);
}

TEST_CASE("text without non-ASCII bytes is returned untouched",
          "[mojibake]") {
  const MojibakeRepair r = RepairMojibake("plain ASCII, nothing to see");
  CHECK_FALSE(r.detected);
  CHECK(r.code_page.empty());
  CHECK(r.repairs + r.guesses + r.markers == 0);
}

}  // namespace
}  // namespace neardup::text
