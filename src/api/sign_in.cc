#include "api/sign_in.h"

#include <sodium.h>

#include "api/auth.h"

namespace ward::api {
namespace {

// The value of cookie `name` in a Cookie header ("a=1; ward_session=…"); "" when absent.
std::string_view cookie_value(std::string_view header, std::string_view name) {
  while (!header.empty()) {
    auto semi = header.find(';');
    std::string_view pair = header.substr(0, semi);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    if (pair.size() > name.size() && pair.substr(0, name.size()) == name && pair[name.size()] == '=')
      return pair.substr(name.size() + 1);
    if (semi == std::string_view::npos) break;
    header.remove_prefix(semi + 1);
  }
  return {};
}

bool same_secret(std::string_view a, std::string_view b) {
  return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace

SignIn::SignIn(store::Store& store, SessionSettings settings)
    : store_(store),
      settings_(settings),
      by_address_(settings.max_failed_logins_per_address, settings.lockout),
      by_unknown_user_(settings.max_failed_logins, settings.lockout) {}

const std::string& SignIn::dummy_hash() {
  std::call_once(dummy_once_, [this] {
    auto password = random_hex(16);
    auto hash = hash_password(password ? *password : std::string(kMinPasswordLength, 'x'), settings_.password_cost);
    dummy_hash_ = hash ? *hash : std::string();
  });
  return dummy_hash_;
}

Result<SignInOutcome> SignIn::sign_in(std::string_view username, std::string_view password,
                                      std::string_view client_address, TimeNs now) {
  SignInOutcome out;
  out.actor = "account:(unknown)";
  const std::string address_key = "address:" + std::string(client_address);
  const std::string user_key = "user:" + std::string(username);
  auto locked = [&](TimeNs until) {
    out.kind = SignInOutcome::Kind::locked_out;
    out.retry_at = until;
    return out;
  };
  if (TimeNs until = by_address_.locked_until(address_key, now)) return locked(until);

  std::optional<store::AccountRecord> account;
  if (check_username(username) && password.size() <= kMaxPasswordLength) {
    auto found = store_.account(username);
    if (!found) return Unexpected(found.error());
    account = std::move(*found);
  }
  if (account) {
    out.actor = "account:" + account->username;
    if (account->locked_until > now) return locked(account->locked_until);
  } else if (TimeNs until = by_unknown_user_.locked_until(user_key, now)) {
    return locked(until);
  }

  // The same work whether or not the account exists: one Argon2id verification.
  const bool right = account ? password_matches(account->password_hash, password)
                             : (password_matches(dummy_hash(), password), false);
  if (!right || account->disabled) {
    TimeNs until = by_address_.note_failure(address_key, now);
    TimeNs user_until = 0;
    if (account) {
      auto noted = store_.note_login_failure(account->id, now, settings_.max_failed_logins, settings_.lockout);
      if (!noted) return Unexpected(noted.error());
      user_until = *noted;
    } else {
      user_until = by_unknown_user_.note_failure(user_key, now);
    }
    if (until != 0 || user_until != 0) return locked(std::max(until, user_until));
    out.kind = SignInOutcome::Kind::refused;
    return out;
  }

  if (auto r = store_.note_login_success(account->id); !r) return Unexpected(r.error());
  auto secret = random_hex(32);
  if (!secret) return Unexpected(secret.error());
  auto csrf = random_hex(32);
  if (!csrf) return Unexpected(csrf.error());
  store::SessionRecord session;
  session.secret_hash = token_hash(*secret);
  session.csrf_token = *csrf;
  session.account_id = account->id;
  session.created = session.last_seen = now;
  session.idle = settings_.idle_timeout;
  session.expires = now + settings_.absolute_timeout;
  if (auto r = store_.add_session(session); !r) return Unexpected(r.error());
  out.kind = SignInOutcome::Kind::signed_in;
  out.account = std::move(*account);
  out.secret = std::move(*secret);
  out.csrf_token = std::move(*csrf);
  return out;
}

Result<std::optional<store::AccountSession>> session_of_request(store::Store& store, const Request& req, TimeNs now) {
  auto header = req[http::field::cookie];
  std::string_view secret = cookie_value(std::string_view(header.data(), header.size()), kSessionCookie);
  if (secret.empty()) return std::optional<store::AccountSession>();
  auto found = store.session(token_hash(secret));
  if (!found) return Unexpected(found.error());
  if (!*found) return fail(ErrorCode::unauthorized, "not signed in: the session is unknown or has ended");
  const store::SessionRecord& s = (*found)->session;
  if (now >= s.expires || now >= s.last_seen + s.idle) {
    if (auto r = store.delete_session(s.id); !r) return Unexpected(r.error());
    return fail(ErrorCode::unauthorized, "the session has ended; sign in again");
  }
  if ((*found)->account.disabled) return fail(ErrorCode::unauthorized, "the account is disabled");
  // last_seen moves at most once a second: enough for an idle timeout in minutes.
  if (now - s.last_seen >= kNsPerSecond)
    if (auto r = store.touch_session(s.id, now); !r) return Unexpected(r.error());
  return found;
}

Result<void> check_csrf(const Request& req, const store::SessionRecord& session) {
  const auto method = req.method();
  if (method == http::verb::get || method == http::verb::head || method == http::verb::options) return {};
  auto sent = req[boost::beast::string_view(kCsrfHeader.data(), kCsrfHeader.size())];
  if (same_secret(std::string_view(sent.data(), sent.size()), session.csrf_token)) return {};
  return fail(ErrorCode::forbidden,
              "this request changes something: send the session's csrf_token in the X-CSRF-Token header");
}

std::string session_cookie(std::string_view secret, bool secure) {
  return std::string(kSessionCookie) + "=" + std::string(secret) + "; HttpOnly; SameSite=Strict; Path=/" +
         (secure ? "; Secure" : "");
}

std::string cleared_session_cookie(bool secure) {
  return std::string(kSessionCookie) + "=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0" + (secure ? "; Secure" : "");
}

}  // namespace ward::api
