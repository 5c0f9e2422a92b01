// Tests for shipping records between ranks: scanning shares on three "ranks"
// and shipping two of them to rank 0 gives the corpus one scan gives.
#include <catch2/catch.hpp>

#include <deque>
#include <map>
#include <optional>
#include <memory>
#include <string>
#include <vector>

#include "dist/communicator.h"
#include "dist/input_share.h"
#include "e2e_support.h"
#include "scan_support.h"
#include "pipeline/corpus.h"
#include "pipeline/shipping.h"

namespace neardup {
namespace {

using testing::TempDir;

// Messages between ranks of one process: what rank r sends waits in
// queues[r] until someone receives from r. Enough for ShipCorpus (sends to
// 0) followed by ReceiveCorpus (receives from r).
struct Network {
  std::map<int, std::deque<std::string>> queues;
};

// The stand-in Communicator for rank `rank` of `size` on a Network.
class InProcessRank : public dist::Communicator {
 public:
  InProcessRank(Network* network, int rank, int size) : network_(network), rank_(rank), size_(size) {}
  int rank() const override { return rank_; }
  int size() const override { return size_; }
  int ranks_on_this_host() const override { return size_; }
  absl::Status Send(int, std::string_view bytes) override {
    network_->queues[rank_].emplace_back(bytes);
    return absl::OkStatus();
  }
  absl::StatusOr<std::string> Receive(int from) override {
    std::deque<std::string>& queue = network_->queues[from];
    if (queue.empty()) return absl::UnavailableError("nothing sent");
    std::string message = std::move(queue.front());
    queue.pop_front();
    return message;
  }
  absl::Status Barrier() override { return absl::OkStatus(); }
  [[noreturn]] void Abort(int) override { std::abort(); }

 private:
  Network* network_;
  int rank_, size_;
};

std::string JsonlRecord(const std::string& id, const std::string& text) {
  return "{\"id\":\"" + id + "\",\"text\":\"" + text + "\",\"date\":\"2024-04-26\",\"source\":\"s\"}\n";
}

std::vector<std::string> WriteInputs(const TempDir& tmp) {
  std::string first, second, third;
  for (int i = 0; i < 30; ++i) {
    first += JsonlRecord("a" + std::to_string(i), "first file words number " + std::to_string(i) + " and more");
    second += JsonlRecord("b" + std::to_string(i), "second file words number " + std::to_string(i));
  }
  second += "{\"id\":\"broken\", \"text\":\n";
  third += JsonlRecord("a3", "an id the first file had");
  third += JsonlRecord("c1", "Ã¢â‚¬Å“mojibake quotesÃ¢â‚¬Â and plain words");
  testing::WriteFile(tmp / "one.jsonl", first);
  testing::WriteFile(tmp / "two.jsonl", second);
  testing::WriteFile(tmp / "three.jsonl", third);
  testing::WriteFile(tmp / "folder" / "x.txt", "a text file with several words in it");
  return {(tmp / "one.jsonl").string(), (tmp / "two.jsonl").string(),
          (tmp / "folder").string(), (tmp / "three.jsonl").string()};
}

TEST_CASE("records shipped from other ranks make the corpus a single scan makes") {
  TempDir tmp;
  Options options;
  options.inputs = WriteInputs(tmp);
  options.threads = 2;
  const std::unique_ptr<pipeline::ScannedCorpus> single = testing::ScanToCorpus(options, tmp / "single");

  const int ranks = 3;
  absl::StatusOr<std::vector<io::InputRange>> shares = dist::ShareInputs(options.inputs, ranks);
  REQUIRE(shares.ok());
  CHECK((*shares)[0].last == 1);  // three.jsonl repeats an id of one.jsonl, read by rank 0 alone
  Network network;
  uint64_t shipped = 0;
  for (int r = 1; r < ranks; ++r) {
    const std::unique_ptr<pipeline::ScannedCorpus> part =
        testing::ScanToCorpus(options, tmp / ("rank" + std::to_string(r)), (*shares)[r]);
    InProcessRank rank(&network, r, ranks);
    REQUIRE(pipeline::ShipCorpus(*part, rank, &shipped).ok());
  }
  CHECK(shipped > 0);
  std::filesystem::create_directories(tmp / "rank0");
  absl::StatusOr<pipeline::CorpusBuilder> builder =
      pipeline::CorpusBuilder::Create(options, (tmp / "rank0").string(), /*check_ids=*/true,
                                      /*keep_signatures=*/true);
  REQUIRE(builder.ok());
  REQUIRE(pipeline::ScanInputs(options, (*shares)[0], &*builder).ok());
  InProcessRank rank0(&network, 0, ranks);
  uint64_t received = 0;
  for (int r = 1; r < ranks; ++r) {
    REQUIRE(pipeline::ReceiveCorpus(r, rank0, options.sketch, &*builder, &received).ok());
  }
  CHECK(received == shipped);
  absl::StatusOr<std::unique_ptr<pipeline::ScannedCorpus>> gathered = builder->Finish();
  REQUIRE(gathered.ok());

  const pipeline::ScannedCorpus& a = *single;
  const pipeline::ScannedCorpus& b = **gathered;
  REQUIRE(a.records.size() == 30 + 31 + 1 + 2);
  testing::CheckSameCorpus(a, b);
  CHECK(b.records[62].rejection.find("duplicate id (first seen at") != std::string::npos);
}

TEST_CASE("a truncated message is an error naming the rank") {
  TempDir tmp;
  Options options;
  Network network;
  network.queues[1].push_back(std::string("\x01\x00\x00\x00\x07", 5));
  InProcessRank rank0(&network, 0, 2);
  absl::StatusOr<pipeline::CorpusBuilder> builder =
      pipeline::CorpusBuilder::Create(options, tmp.path().string(), /*check_ids=*/true,
                                      /*keep_signatures=*/true);
  REQUIRE(builder.ok());
  uint64_t received = 0;
  const absl::Status status = pipeline::ReceiveCorpus(1, rank0, options.sketch, &*builder, &received);
  CHECK_FALSE(status.ok());
  CHECK(std::string(status.message()).find("rank 1") != std::string::npos);
}

}  // namespace
}  // namespace neardup
