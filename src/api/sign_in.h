// Signing people in: a username and password become a browser session (a random secret in
// the ward_session cookie, only its SHA-256 in the store, and a CSRF token the page sends back
// in X-CSRF-Token on every request that changes something). Wrong passwords are counted per
// account (in the store) and per client address and unknown username (LoginThrottle); too many
// lock sign-in for a while. Unknown usernames cost a password check too, so the answer's
// timing does not say whether an account exists. SignIn is thread-safe.
#pragma once

#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "api/accounts.h"
#include "api/login_throttle.h"
#include "api/router.h"
#include "store/store.h"

namespace ward::api {

inline constexpr std::string_view kSessionCookie = "ward_session";
inline constexpr std::string_view kCsrfHeader = "X-CSRF-Token";

// The `sessions:` section of ward.yaml (docs/configuration.md).
struct SessionSettings {
  TimeNs idle_timeout = 30 * 60 * kNsPerSecond;       // a session unused this long ends
  TimeNs absolute_timeout = 12 * 3600 * kNsPerSecond; // and any session ends this long after sign-in
  int max_failed_logins = 5;                // wrong passwords in a row that lock an account…
  int max_failed_logins_per_address = 20;   // …or a client address
  TimeNs lockout = 15 * 60 * kNsPerSecond;  // for this long
  PasswordCost password_cost = interactive_password_cost();  // of the dummy hash; tests: cheaper
};

struct SignInOutcome {
  enum class Kind { signed_in, refused, locked_out };
  Kind kind = Kind::refused;
  store::AccountRecord account;        // signed_in
  std::string secret, csrf_token;      // signed_in: the cookie's value, the page's CSRF token
  TimeNs retry_at = 0;                 // locked_out: when sign-in opens again
  std::string actor;                   // for the audit trail: "account:alice", "account:(unknown)"
};

class SignIn {
 public:
  SignIn(store::Store& store, SessionSettings settings);

  // Checks the password (unless the account, username or address is locked out) and, when it
  // is right and the account enabled, starts a session. Errors only when the store fails.
  Result<SignInOutcome> sign_in(std::string_view username, std::string_view password,
                                std::string_view client_address, TimeNs now);

  const SessionSettings& settings() const { return settings_; }

 private:
  const std::string& dummy_hash();

  store::Store& store_;
  const SessionSettings settings_;
  std::once_flag dummy_once_;
  std::string dummy_hash_;  // written once under dummy_once_
  LoginThrottle by_address_, by_unknown_user_;
};

// The session the request's ward_session cookie names; nullopt without that cookie.
// ErrorCode::unauthorized when it is unknown, has ended at `now` (idle or absolute; it is then
// deleted) or its account is disabled. A live session's last_seen becomes `now`.
Result<std::optional<store::AccountSession>> session_of_request(store::Store& store, const Request& req, TimeNs now);

// ErrorCode::forbidden unless the request is a safe one (GET, HEAD, OPTIONS) or carries the
// session's CSRF token in X-CSRF-Token (compared in constant time).
Result<void> check_csrf(const Request& req, const store::SessionRecord& session);

// Set-Cookie values: the session's cookie, and one that makes the browser forget it.
std::string session_cookie(std::string_view secret, bool secure);
std::string cleared_session_cookie(bool secure);

}  // namespace ward::api
