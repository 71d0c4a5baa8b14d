// The listener over real sockets, committing into a real SQLite store in a temporary folder.
#include "ingest/mllp/mllp_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <atomic>
#include <optional>
#include <thread>

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <fmt/format.h>
#include <gtest/gtest.h>

#include "ingest/mllp/mllp_framing.h"
#include "store/store.h"
#include "testing/shared_data.h"
#include "testing/test_certificates.h"

namespace ward::ingest {
namespace {

// A blocking MLLP client on a plain socket; every read gives up after 10 s so a missing answer
// fails the test instead of hanging it.
class Client {
 public:
  explicit Client(std::uint16_t port) : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
    timeval timeout{10, 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    ::inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  }
  ~Client() { ::close(fd_); }
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  bool connected() const { return connected_; }

  void send(std::string_view bytes) {
    while (!bytes.empty()) {
      ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
      ASSERT_GT(n, 0) << "send failed";
      bytes.remove_prefix(static_cast<std::size_t>(n));
    }
  }

  // The next framed answer, unframed; nullopt when the server closed or nothing came in time.
  std::optional<std::string> read_ack() {
    for (;;) {
      auto start = pending_.find(kMllpStartBlock);
      auto end = pending_.find(std::string{kMllpEndBlock, kMllpCarriageReturn});
      if (start != std::string::npos && end != std::string::npos && start < end) {
        std::string ack = pending_.substr(start + 1, end - start - 1);
        pending_.erase(0, end + 2);
        return ack;
      }
      char buf[4096];
      ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
      if (n <= 0) return std::nullopt;
      pending_.append(buf, static_cast<std::size_t>(n));
    }
  }

  // True when the server closes the connection (read gives end of file) within the timeout.
  bool closed_by_server() {
    char buf[256];
    for (;;) {
      ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
      if (n == 0) return true;
      if (n < 0) return errno == ECONNRESET;
    }
  }

 private:
  int fd_;
  bool connected_ = false;
  std::string pending_;
};

// Field `n` of the segment named `name` in an ACK ("MSA", 1 → "AA").
std::string field_of(const std::string& ack, std::string_view name, std::size_t n) {
  std::size_t pos = 0;
  while (pos < ack.size()) {
    std::size_t end = ack.find('\r', pos);
    if (end == std::string::npos) end = ack.size();
    std::string_view segment(ack.data() + pos, end - pos);
    if (segment.starts_with(name)) {
      std::size_t at = 0;
      for (std::size_t i = 0; i < n; ++i) {
        at = segment.find('|', at);
        if (at == std::string_view::npos) return {};
        ++at;
      }
      return std::string(segment.substr(at, segment.find('|', at) - at));
    }
    pos = end + 1;
  }
  return {};
}

std::string adt(std::string_view control_id, std::string_view mrn, std::string_view birth_date = "19800102") {
  return fmt::format(
      "MSH|^~\\&|ADT1|HOSP|WARD|HOSP|20240301101500||ADT^A01^ADT_A01|{0}|P|2.5.1\r"
      "EVN|A01|20240301101500\r"
      "PID|1||{1}^^^HOSP^MR||DOE^JANE||{2}|F\r"
      "PV1|1|I|4E^401^B||||||||||||||||V-{1}\r",
      control_id, mrn, birth_date);
}

class MllpServerTest : public ::testing::Test {
 protected:
  void start(MllpOptions options = {}) {
    auto store = store::open_sqlite_store(dir_.path());
    ASSERT_TRUE(store) << store.error().describe();
    store_ = std::move(*store);
    receiver_ = std::make_unique<MessageReceiver>(*store_, ParseOptions{},
                                                  [this](const ImportSummary&) { ++committed_; });
    options.address = "127.0.0.1";
    options.port = 0;
    server_ = std::make_unique<MllpServer>(*receiver_, options);
    auto port = server_->start();
    ASSERT_TRUE(port) << port.error().describe();
    port_ = *port;
    runner_ = std::jthread([this] { server_->run(); });
  }

  void TearDown() override {
    if (server_) server_->stop();
    if (runner_.joinable()) runner_.join();
  }

  bool has_patient(std::string_view id) {
    auto p = store_->find_patient(id);
    return p && p->has_value();
  }

  testing::TempDir dir_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<MessageReceiver> receiver_;
  std::unique_ptr<MllpServer> server_;
  std::jthread runner_;
  std::uint16_t port_ = 0;
  std::atomic<int> committed_{0};
};

TEST_F(MllpServerTest, AcknowledgesRealAdtSamplesOnlyOnceTheyAreInTheStore) {
  start();
  Client client(port_);
  ASSERT_TRUE(client.connected());
  struct Sample { const char* file; const char* control_id; const char* patient; };
  // \n segment ends, a byte-order mark, versions 2.3 and 2.8: as the samples come.
  const Sample samples[] = {{"ADT-A01-02.hl7", "MSG00001", "PATID1234"},
                            {"ADT04-23.hl7", "Q123456789T123456789X123456", "123456789"}};
  for (const Sample& s : samples) {
    client.send(mllp_frame(testing::read_file(testing::shared_data(std::string("hl7v2/") + s.file))));
    auto ack = client.read_ack();
    ASSERT_TRUE(ack) << s.file;
    EXPECT_EQ(field_of(*ack, "MSA", 1), "AA") << *ack;
    EXPECT_EQ(field_of(*ack, "MSA", 2), s.control_id);
    // The ACK came after the commit: the patient and the encounter are there now.
    EXPECT_TRUE(has_patient(s.patient)) << s.file;
    auto encounters = store_->encounters_of_patient(s.patient);
    ASSERT_TRUE(encounters);
    EXPECT_FALSE(encounters->empty()) << s.file;
  }
  EXPECT_EQ(committed_.load(), 2);
}

TEST_F(MllpServerTest, ANakedMessageDoesNotStopTheConnection) {
  start();
  Client client(port_);
  ASSERT_TRUE(client.connected());
  client.send(mllp_frame(adt("BAD1", "MRN-BAD", "1980X102")));
  auto nak = client.read_ack();
  ASSERT_TRUE(nak);
  EXPECT_EQ(field_of(*nak, "MSA", 1), "AE") << *nak;
  EXPECT_EQ(field_of(*nak, "MSA", 2), "BAD1");
  EXPECT_NE(field_of(*nak, "MSA", 3).find("PID-7: birth date"), std::string::npos) << *nak;
  EXPECT_EQ(field_of(*nak, "ERR", 2), "PID^1^7");
  EXPECT_EQ(field_of(*nak, "ERR", 3), "102^Data type error^HL70357");
  EXPECT_FALSE(has_patient("MRN-BAD"));

  client.send(mllp_frame(adt("GOOD1", "MRN-GOOD")));
  auto ack = client.read_ack();
  ASSERT_TRUE(ack);
  EXPECT_EQ(field_of(*ack, "MSA", 1), "AA") << *ack;
  EXPECT_EQ(field_of(*ack, "MSA", 2), "GOOD1");
  EXPECT_TRUE(has_patient("MRN-GOOD"));
  auto encounters = store_->encounters_of_patient("MRN-GOOD");
  ASSERT_TRUE(encounters);
  ASSERT_EQ(encounters->size(), 1u);
  EXPECT_EQ((*encounters)[0].id, "V-MRN-GOOD");

  // The bad message is in the quarantine, under the peer's address.
  auto quarantined = store_->quarantined(10);
  ASSERT_TRUE(quarantined);
  ASSERT_EQ(quarantined->size(), 1u);
  EXPECT_EQ((*quarantined)[0].source.rfind("mllp:127.0.0.1:", 0), 0u) << (*quarantined)[0].source;
  EXPECT_EQ((*quarantined)[0].field, "PID-7");
}

TEST_F(MllpServerTest, AnswersMessagesSentTogetherOneByOneInOrder) {
  start();
  Client client(port_);
  ASSERT_TRUE(client.connected());
  client.send(mllp_frame(adt("M1", "P1")) + "\r\n" + mllp_frame("not hl7 at all") +
              mllp_frame(adt("M3", "P3")));
  auto first = client.read_ack();
  auto second = client.read_ack();
  auto third = client.read_ack();
  ASSERT_TRUE(first && second && third);
  EXPECT_EQ(field_of(*first, "MSA", 1) + " " + field_of(*first, "MSA", 2), "AA M1");
  EXPECT_EQ(field_of(*second, "MSA", 1), "AR");
  EXPECT_EQ(field_of(*second, "ERR", 3), "100^Segment sequence error^HL70357");
  EXPECT_EQ(field_of(*third, "MSA", 1) + " " + field_of(*third, "MSA", 2), "AA M3");
  EXPECT_NE(field_of(*first, "MSH", 9), field_of(*third, "MSH", 9));  // MSH-10: each ACK its own id
  EXPECT_TRUE(has_patient("P1"));
  EXPECT_TRUE(has_patient("P3"));
}

TEST_F(MllpServerTest, RefusesAnOversizeMessageAndTakesTheNext) {
  start({.max_message_bytes = 1024});
  Client client(port_);
  ASSERT_TRUE(client.connected());
  std::string big = adt("BIG1", "P-BIG") + "NTE|1||" + std::string(5000, 'x') + "\r";
  client.send(mllp_frame(big));
  auto nak = client.read_ack();
  ASSERT_TRUE(nak);
  EXPECT_EQ(field_of(*nak, "MSA", 1), "AR") << *nak;
  EXPECT_EQ(field_of(*nak, "MSA", 2), "BIG1");  // named from the head that was kept
  EXPECT_EQ(field_of(*nak, "ERR", 3), "104^Value too long^HL70357");
  EXPECT_FALSE(has_patient("P-BIG"));
  client.send(mllp_frame(adt("SMALL1", "P-SMALL")));
  auto ack = client.read_ack();
  ASSERT_TRUE(ack);
  EXPECT_EQ(field_of(*ack, "MSA", 1), "AA");
  EXPECT_TRUE(has_patient("P-SMALL"));
}

TEST_F(MllpServerTest, ClosesAConnectionIdleLongerThanTheTimeout) {
  start({.idle_timeout = std::chrono::seconds(1)});
  Client client(port_);
  ASSERT_TRUE(client.connected());
  auto started = std::chrono::steady_clock::now();
  EXPECT_TRUE(client.closed_by_server());
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(9));
}

TEST_F(MllpServerTest, ClosesConnectionsBeyondTheLimitAndKeepsServingTheOthers) {
  start({.max_connections = 1});
  Client first(port_);
  ASSERT_TRUE(first.connected());
  first.send(mllp_frame(adt("C1", "P-C1")));
  ASSERT_TRUE(first.read_ack());  // the first connection's session is open now
  Client second(port_);
  EXPECT_TRUE(second.closed_by_server());
  first.send(mllp_frame(adt("C2", "P-C2")));
  auto ack = first.read_ack();
  ASSERT_TRUE(ack);
  EXPECT_EQ(field_of(*ack, "MSA", 1), "AA");
}

// MLLP over TLS (mllp.tls): a real ADT sample acknowledged over TLS 1.2+ once stored; a client
// speaking plain MLLP to the TLS port gets no ACK and nothing is stored; TLS 1.1 is refused.
class MllpTlsTest : public MllpServerTest {
 protected:
  void SetUp() override { certs_ = testing::make_test_certificates(certs_dir_.path()); }
  void start_tls() {
    MllpOptions options;
    options.tls_files = TlsFiles{certs_.certificate, certs_.key};
    start(std::move(options));
  }
  testing::TempDir certs_dir_;
  testing::TestCertificates certs_;
  boost::asio::io_context client_ioc_;
};

TEST_F(MllpTlsTest, AcknowledgesAnAdtSampleOverTlsOnceStored) {
  namespace asio = boost::asio;
  namespace ssl = asio::ssl;
  start_tls();
  ssl::context context(ssl::context::tls_client);
  context.load_verify_file(certs_.ca.string());
  context.set_verify_mode(ssl::verify_peer);
  ssl::stream<asio::ip::tcp::socket> stream(client_ioc_, context);
  stream.next_layer().connect({asio::ip::make_address("127.0.0.1"), port_});
  stream.handshake(ssl::stream_base::client);
  asio::write(stream, asio::buffer(mllp_frame(testing::read_file(testing::shared_data("hl7v2/ADT-A01-02.hl7")))));
  std::string got;
  const std::string end{kMllpEndBlock, kMllpCarriageReturn};
  char buf[4096];
  while (got.find(end) == std::string::npos) {
    boost::system::error_code ec;
    std::size_t n = stream.read_some(asio::buffer(buf), ec);
    ASSERT_FALSE(ec) << ec.message() << " after " << got.size() << " bytes";
    got.append(buf, n);
  }
  const std::string ack = got.substr(1, got.find(end) - 1);
  EXPECT_EQ(field_of(ack, "MSA", 1), "AA") << ack;
  EXPECT_EQ(field_of(ack, "MSA", 2), "MSG00001");
  EXPECT_TRUE(has_patient("PATID1234"));
}

TEST_F(MllpTlsTest, PlainMllpToTheTlsPortGetsNoAckAndIsNotStored) {
  start_tls();
  Client client(port_);
  ASSERT_TRUE(client.connected());
  client.send(mllp_frame(testing::read_file(testing::shared_data("hl7v2/ADT-A01-02.hl7"))));
  EXPECT_FALSE(client.read_ack()) << "no ACK in the clear";
  EXPECT_FALSE(has_patient("PATID1234"));
  EXPECT_EQ(committed_.load(), 0);
}

TEST_F(MllpTlsTest, RefusesClientsBelowTls12) {
  namespace asio = boost::asio;
  namespace ssl = asio::ssl;
  start_tls();
  ssl::context context(ssl::context::tls_client);
  SSL_CTX_set_min_proto_version(context.native_handle(), TLS1_VERSION);
  SSL_CTX_set_max_proto_version(context.native_handle(), TLS1_1_VERSION);
  SSL_CTX_set_security_level(context.native_handle(), 0);
  ssl::stream<asio::ip::tcp::socket> stream(client_ioc_, context);
  stream.next_layer().connect({asio::ip::make_address("127.0.0.1"), port_});
  boost::system::error_code ec;
  stream.handshake(ssl::stream_base::client, ec);
  EXPECT_TRUE(ec) << "a TLS 1.1 handshake must fail";
}

}  // namespace
}  // namespace ward::ingest
