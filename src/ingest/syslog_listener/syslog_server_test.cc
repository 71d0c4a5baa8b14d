// The listener over real sockets on 127.0.0.1 (UDP, TCP, TLS with a throw-away CA), committing
// into a real SQLite store in a temporary folder.
#include "ingest/syslog_listener/syslog_server.h"

#include <sys/socket.h>
#include <sys/time.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <optional>
#include <set>
#include <thread>

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <fmt/format.h>
#include <gtest/gtest.h>

#include "core/time.h"
#include "ingest/syslog_listener/syslog_test_messages.h"
#include "store/store.h"
#include "testing/gated_sink.h"
#include "testing/shared_data.h"
#include "testing/test_certificates.h"

namespace ward::ingest {
namespace {

using syslog_testing::kRfc5424;
using syslog_testing::counted;
using syslog_testing::FailingSink;

namespace asio = boost::asio;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;
using udp = asio::ip::udp;

const std::string kAuth = "<38>1 2024-03-01T10:15:00Z fw01 sshd 4242 - - Accepted password for alice";
const std::string kRfc3164FromEhr02 = "<34>Oct 11 22:14:15 ehr02 su: 'su root' failed for lonvick on /dev/pts/8";

// Waits until `done` holds, for at most 10 s; false on time-out.
bool eventually(const std::function<bool()>& done) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!done()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return true;
}

// True when `happened` still does not hold after `wait` (it is asked every 5 ms).
bool never_within(const std::function<bool()>& happened, std::chrono::milliseconds wait) {
  auto deadline = std::chrono::steady_clock::now() + wait;
  while (std::chrono::steady_clock::now() < deadline) {
    if (happened()) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return !happened();
}

// A sink that fails every commit, as a full disk would.

class SyslogServerTest : public ::testing::Test {
 protected:
  void start(SyslogOptions options, RecordSink* sink = nullptr) {
    auto store = store::open_sqlite_store(dir_.path());
    ASSERT_TRUE(store) << store.error().describe();
    store_ = std::move(*store);
    server_ = std::make_unique<SyslogServer>(sink ? *sink : *store_, ParseOptions{}, std::move(options));
    auto ports = server_->start();
    ASSERT_TRUE(ports) << ports.error().describe();
    ports_ = *ports;
    runner_ = std::jthread([this] { server_->run(); });
  }

  void stop() {
    server_->stop();
    if (runner_.joinable()) runner_.join();
  }

  void TearDown() override {
    if (gate_) gate_->open();  // a commit held by a test that failed early goes on
    if (server_) stop();
  }

  std::vector<store::EventRow> events() {
    store::EventQuery q;
    q.limit = 1000;
    auto page = store_->find_events(q);
    EXPECT_TRUE(page) << page.error().describe();
    return page ? page->rows : std::vector<store::EventRow>{};
  }
  std::vector<store::QuarantineRow> quarantined() {
    auto rows = store_->quarantined(100);
    EXPECT_TRUE(rows);
    return rows ? *rows : std::vector<store::QuarantineRow>{};
  }
  const SyslogCounters& counters() { return server_->counters(); }

  static SyslogOptions local(bool udp, bool tcp) {
    SyslogOptions o;
    if (udp) o.udp = ListenAddress{"127.0.0.1", 0};
    if (tcp) o.tcp = ListenAddress{"127.0.0.1", 0};
    return o;
  }

  // A gate in front of the store (made by gated()), destroyed after the server: a test that stops
  // at a failed ASSERT must not leave the server's writer inside a gate that is gone.
  testing::GatedSink& gated() {
    return gate_.emplace([this]() -> RecordSink& { return *store_; });
  }

  testing::TempDir dir_;
  std::unique_ptr<store::Store> store_;
  std::optional<testing::GatedSink> gate_;
  std::unique_ptr<SyslogServer> server_;
  SyslogPorts ports_;
  std::jthread runner_;
  asio::io_context client_ioc_;
};

// A blocking TCP client whose reads give up after 10 s.
tcp::socket connect_tcp(asio::io_context& ioc, std::uint16_t port) {
  tcp::socket socket(ioc);
  socket.connect({asio::ip::make_address("127.0.0.1"), port});
  timeval timeout{10, 0};
  ::setsockopt(socket.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  return socket;
}

// True when the server closes the connection: a read ends (end of file or reset) in time.
template <class Stream>
bool closed_by_server(Stream& stream) {
  char byte;
  boost::system::error_code ec;
  stream.read_some(asio::buffer(&byte, 1), ec);
  return ec == asio::error::eof || ec == asio::error::connection_reset || ec == ssl::error::stream_truncated;
}

TEST_F(SyslogServerTest, StoresTcpMessagesInEitherFramingAsEvents) {
  start(local(false, true));
  ASSERT_TRUE(ports_.tcp);
  EXPECT_FALSE(ports_.udp);
  {
    auto socket = connect_tcp(client_ioc_, *ports_.tcp);
    // Octet-counted, then newline-framed, then counted again, on one connection, in odd pieces.
    std::string bytes = counted(kRfc5424) + kRfc3164FromEhr02 + "\n" + counted(kAuth);
    for (std::size_t i = 0; i < bytes.size(); i += 50)
      asio::write(socket, asio::buffer(bytes.substr(i, 50)));
    ASSERT_TRUE(eventually([&] { return counters().accepted == 3; })) << counters().accepted;
  }
  auto rows = events();
  ASSERT_EQ(rows.size(), 3u);
  std::set<std::string> hosts;
  for (const auto& r : rows) {
    hosts.insert(r.host);
    EXPECT_TRUE(r.source.starts_with("syslog-tcp:127.0.0.1:")) << r.source;
  }
  EXPECT_EQ(hosts, (std::set<std::string>{"mymachine.example.com", "ehr02", "fw01"}));
  auto auth = std::find_if(rows.begin(), rows.end(), [](const auto& r) { return r.host == "fw01"; });
  EXPECT_EQ(auth->kind, EventKind::authentication) << "facility auth (38 / 8 = 4)";
  EXPECT_EQ(format_iso8601(auth->time), "2024-03-01T10:15:00Z");
  EXPECT_TRUE(quarantined().empty());
}

TEST_F(SyslogServerTest, QuarantinesBadMessagesAndTheConnectionGoesOn) {
  SyslogOptions options = local(false, true);
  options.max_message_bytes = 1000;
  start(std::move(options));
  auto socket = connect_tcp(client_ioc_, *ports_.tcp);
  std::string big = "<13>1 - host app - - - " + std::string(2000, 'x');
  std::string not_syslog = "this is not syslog";
  std::string bytes = counted(big) + not_syslog + "\n" + counted(kAuth);
  asio::write(socket, asio::buffer(bytes));
  ASSERT_TRUE(eventually([&] { return counters().accepted + counters().rejected == 3; }));
  ASSERT_EQ(events().size(), 1u) << "the good message after the bad ones is stored";
  EXPECT_EQ(events()[0].host, "fw01");
  EXPECT_EQ(counters().rejected, 2u);
  EXPECT_EQ(counters().framing_errors, 1u);

  auto rows = quarantined();
  ASSERT_EQ(rows.size(), 2u);
  std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.offset < b.offset; });
  EXPECT_TRUE(rows[0].source.starts_with("syslog-tcp:127.0.0.1:")) << rows[0].source;
  EXPECT_EQ(rows[0].field, "frame");
  EXPECT_EQ(rows[0].line, 1u);
  EXPECT_EQ(rows[0].reason, "message is 2023 bytes, over the limit of 1000 (syslog.max_message_bytes)");
  EXPECT_EQ(rows[1].field, "timestamp") << "no <PRI>, then no time: not a syslog message";
  EXPECT_EQ(rows[1].line, 2u);
  EXPECT_EQ(rows[1].offset, counted(big).size()) << "the byte offset in the connection";
  EXPECT_EQ(rows[1].record_type, "syslog message");

  // The connection is still open: one more message is taken.
  asio::write(socket, asio::buffer(kRfc3164FromEhr02 + "\n"));
  ASSERT_TRUE(eventually([&] { return counters().accepted == 2; }));
}

TEST_F(SyslogServerTest, ABadOctetCountIsQuarantinedAndClosesTheConnection) {
  start(local(false, true));
  auto socket = connect_tcp(client_ioc_, *ports_.tcp);
  std::string first = counted(kAuth);
  asio::write(socket, asio::buffer(first + "12x" + counted(kRfc3164FromEhr02)));
  EXPECT_TRUE(closed_by_server(socket));
  EXPECT_EQ(events().size(), 1u) << "what came before the bad frame is kept";
  auto rows = quarantined();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].offset, first.size());
  EXPECT_EQ(rows[0].reason, "expected a space after the octet count \"12\", found 'x'");
  EXPECT_EQ(counters().framing_errors, 1u);
}

TEST_F(SyslogServerTest, AStoreFailureClosesTheConnectionSoTheSenderKnows) {
  FailingSink failing;
  start(local(false, true), &failing);
  auto socket = connect_tcp(client_ioc_, *ports_.tcp);
  asio::write(socket, asio::buffer(counted(kAuth)));
  EXPECT_TRUE(closed_by_server(socket));
  EXPECT_EQ(counters().store_failures, 1u);
  EXPECT_EQ(counters().accepted, 0u);
}

TEST_F(SyslogServerTest, NothingMoreIsReadFromAConnectionBeforeWhatItSentIsCommitted) {
  testing::GatedSink& gate = gated();
  start(local(false, true), &gate);
  auto socket = connect_tcp(client_ioc_, *ports_.tcp);
  asio::write(socket, asio::buffer(counted(kAuth)));
  ASSERT_TRUE(gate.wait_for_commits(1)) << "the first message is being committed";
  asio::write(socket, asio::buffer(counted(kRfc3164FromEhr02)));
  EXPECT_TRUE(never_within([&] { return counters().received > 1; }, std::chrono::milliseconds(300)))
      << "the second message was read while the first was not yet committed";
  EXPECT_EQ(counters().accepted, 0u);
  gate.open();
  ASSERT_TRUE(eventually([&] { return counters().accepted == 2; }));
  EXPECT_EQ(events().size(), 2u);
}

TEST_F(SyslogServerTest, ABurstAndTheTrickleAfterItAreStoredWhole) {
  // A burst that fills every read (the read buffer grows to its largest), then single messages a
  // read each (it shrinks again), one of them split across two writes: every message is stored once.
  testing::GatedSink& gate = gated();
  start(local(false, true), &gate);
  auto socket = connect_tcp(client_ioc_, *ports_.tcp);
  auto message = [](int i) { return counted(fmt::format("<38>1 2024-03-01T10:15:00Z fw01 sshd 4242 - - burst {}", i)); };
  asio::write(socket, asio::buffer(message(0)));
  ASSERT_TRUE(gate.wait_for_commits(1));
  // While that commit is held the burst waits in the kernel's buffers: the reads after it are full.
  constexpr int kBurst = 120'000;  // ~7 MB
  std::string burst;
  for (int i = 1; i <= kBurst; ++i) burst += message(i);
  std::jthread sender([&] { asio::write(socket, asio::buffer(burst)); });
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  gate.open();
  sender.join();
  ASSERT_TRUE(eventually([&] { return counters().accepted == 1 + kBurst; })) << counters().accepted;
  int sent = 1 + kBurst;
  for (int i = 0; i < 6; ++i) {  // each its own read
    asio::write(socket, asio::buffer(message(++sent)));
    ASSERT_TRUE(eventually([&] { return counters().accepted == static_cast<std::uint64_t>(sent); }));
  }
  const std::string split = message(++sent);
  asio::write(socket, asio::buffer(split.substr(0, 20)));
  ASSERT_TRUE(eventually([&] { return counters().received == static_cast<std::uint64_t>(sent - 1); }));
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  asio::write(socket, asio::buffer(split.substr(20)));
  ASSERT_TRUE(eventually([&] { return counters().accepted == static_cast<std::uint64_t>(sent); }));
  auto counts = store_->counts();
  ASSERT_TRUE(counts) << counts.error().describe();
  EXPECT_EQ(counts->events, static_cast<std::uint64_t>(sent));
  EXPECT_TRUE(quarantined().empty());
  // Eight small reads halve a buffer of at most 4 MiB back to the 64 KiB it started with, and
  // the connection's end gives that back too.
  EXPECT_EQ(counters().read_buffer_bytes, 64u * 1024);
  socket.close();
  EXPECT_TRUE(eventually([&] { return counters().read_buffer_bytes == 0; })) << counters().read_buffer_bytes;
}

TEST_F(SyslogServerTest, ConnectionsShareACommit) {
  testing::GatedSink& gate = gated();
  start(local(false, true), &gate);
  auto first = connect_tcp(client_ioc_, *ports_.tcp);
  asio::write(first, asio::buffer(counted(kAuth)));
  ASSERT_TRUE(gate.wait_for_commits(1));
  // While that commit is held, two other senders' messages are read and wait for the next one.
  auto second = connect_tcp(client_ioc_, *ports_.tcp);
  auto third = connect_tcp(client_ioc_, *ports_.tcp);
  asio::write(second, asio::buffer(counted(kRfc5424)));
  asio::write(third, asio::buffer(kRfc3164FromEhr02 + "\n"));
  ASSERT_TRUE(eventually([&] { return counters().received == 3; }));
  gate.open();
  ASSERT_TRUE(eventually([&] { return counters().accepted == 3; }));
  EXPECT_EQ(gate.batches_per_commit(), (std::vector<std::size_t>{1, 2}))
      << "the second and third connections' messages went in one transaction";
  EXPECT_EQ(events().size(), 3u);
}

TEST_F(SyslogServerTest, StoresUdpDatagramsInBatchesAndWhatIsPendingAtStop) {
  SyslogOptions options = local(true, false);
  options.udp_batch_messages = 3;
  options.udp_batch_wait = std::chrono::hours(1);  // only the count and the stop commit here
  start(std::move(options));
  ASSERT_TRUE(ports_.udp);
  udp::socket client(client_ioc_, udp::endpoint(udp::v4(), 0));
  udp::endpoint ward(asio::ip::make_address("127.0.0.1"), *ports_.udp);
  for (const std::string& m : {kRfc5424, kRfc3164FromEhr02 + "\n", kAuth}) client.send_to(asio::buffer(m), ward);
  ASSERT_TRUE(eventually([&] { return counters().accepted == 3; })) << "three make a batch";
  EXPECT_EQ(counters().commits, 1u);
  client.send_to(asio::buffer(std::string("<13>1 - lastone app - - - pending at stop")), ward);
  ASSERT_TRUE(eventually([&] { return counters().received == 4; }));
  EXPECT_EQ(events().size(), 3u) << "the fourth waits for its batch";
  stop();
  auto rows = events();
  ASSERT_EQ(rows.size(), 4u) << "stopping commits what was pending";
  for (const auto& r : rows) {
    EXPECT_EQ(r.source, "syslog-udp:127.0.0.1:" + std::to_string(client.local_endpoint().port()));
  }
}

TEST_F(SyslogServerTest, CommitsUdpWithinTheBatchWait) {
  SyslogOptions options = local(true, false);
  options.udp_batch_wait = std::chrono::milliseconds(20);
  start(std::move(options));
  udp::socket client(client_ioc_, udp::endpoint(udp::v4(), 0));
  client.send_to(asio::buffer(kAuth), udp::endpoint(asio::ip::make_address("127.0.0.1"), *ports_.udp));
  ASSERT_TRUE(eventually([&] { return events().size() == 1; }));
  EXPECT_EQ(events()[0].host, "fw01");
}

TEST_F(SyslogServerTest, ABusyPortIsAnErrorNamingTheKey) {
  start(local(false, true));
  SyslogOptions again = local(false, true);
  again.tcp->port = *ports_.tcp;
  SyslogServer second(*store_, ParseOptions{}, std::move(again));
  auto ports = second.start();
  ASSERT_FALSE(ports);
  EXPECT_EQ(ports.error().field, "syslog.tcp");
  EXPECT_NE(ports.error().message.find("cannot bind 127.0.0.1:" + std::to_string(*ports_.tcp)), std::string::npos)
      << ports.error().message;
}

class SyslogTlsTest : public SyslogServerTest {
 protected:
  void start_tls() {
    certificates_ = testing::make_test_certificates(certificate_dir_.path());
    SyslogOptions options;
    options.tls = ListenAddress{"127.0.0.1", 0};
    options.tls_files = {certificates_.certificate, certificates_.key};
    start(std::move(options));
  }
  // A client that checks Ward's certificate against the test CA.
  std::unique_ptr<ssl::stream<tcp::socket>> connect_tls(ssl::context& context) {
    context.load_verify_file(certificates_.ca.string());
    context.set_verify_mode(ssl::verify_peer);
    auto stream = std::make_unique<ssl::stream<tcp::socket>>(connect_tcp(client_ioc_, *ports_.tls), context);
    return stream;
  }
  testing::TempDir certificate_dir_;
  testing::TestCertificates certificates_;
};

TEST_F(SyslogTlsTest, StoresOctetCountedMessagesOverTls) {
  start_tls();
  ASSERT_TRUE(ports_.tls);
  ssl::context context(ssl::context::tls_client);
  auto stream = connect_tls(context);
  boost::system::error_code ec;
  stream->handshake(ssl::stream_base::client, ec);
  ASSERT_FALSE(ec) << ec.message();
  asio::write(*stream, asio::buffer(counted(kRfc5424) + counted(kAuth)));
  ASSERT_TRUE(eventually([&] { return counters().accepted == 2; }));
  for (const auto& r : events()) EXPECT_TRUE(r.source.starts_with("syslog-tls:127.0.0.1:")) << r.source;

  // RFC 5425 takes octet counting only: a newline-framed message ends the connection.
  asio::write(*stream, asio::buffer(kRfc3164FromEhr02 + "\n"));
  EXPECT_TRUE(closed_by_server(*stream));
  auto rows = quarantined();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_NE(rows[0].reason.find("as RFC 5425 requires"), std::string::npos) << rows[0].reason;
}

TEST_F(SyslogTlsTest, RefusesClientsBelowTls12) {
  start_tls();
  // A client that offers TLS 1.0 and 1.1 only (the system's own floor lowered for it).
  ssl::context context(ssl::context::tls_client);
  SSL_CTX_set_security_level(context.native_handle(), 0);
  SSL_CTX_set_min_proto_version(context.native_handle(), TLS1_VERSION);
  SSL_CTX_set_max_proto_version(context.native_handle(), TLS1_1_VERSION);
  auto stream = connect_tls(context);
  boost::system::error_code ec;
  stream->handshake(ssl::stream_base::client, ec);
  ASSERT_TRUE(ec) << "a TLS 1.1 handshake must fail";
  // The server's refusal (an alert), not the client's own: it did offer TLS 1.1.
  EXPECT_NE(ec.message().find("alert protocol version"), std::string::npos) << ec.message();
  EXPECT_EQ(counters().accepted, 0u);
}

TEST_F(SyslogTlsTest, AMissingKeyFileIsAnErrorNamingIt) {
  auto store = store::open_sqlite_store(dir_.path());
  ASSERT_TRUE(store);
  SyslogOptions options;
  options.tls = ListenAddress{"127.0.0.1", 0};
  options.tls_files = {certificate_dir_.path() / "nowhere.pem", certificate_dir_.path() / "nowhere.key"};
  SyslogServer server(**store, ParseOptions{}, options);
  auto ports = server.start();
  ASSERT_FALSE(ports);
  EXPECT_EQ(ports.error().code, ErrorCode::config);
  EXPECT_EQ(ports.error().field, "syslog.tls");
  EXPECT_NE(ports.error().message.find("nowhere.pem"), std::string::npos) << ports.error().message;
}

}  // namespace
}  // namespace ward::ingest
