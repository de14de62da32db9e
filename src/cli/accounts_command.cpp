// lgbench users add|list|disable|reset, keys create|list|revoke, orgs
// add|list and audit: the administrator's account tools on the command line.
// Whoever can write the database file is the administrator here; each action
// is recorded in the audit log as "cli:<login name>". Wiring only: the rules
// are in auth/accounts.h.
#include <unistd.h>

#include <iostream>

#include "api/csv_encoder.h"
#include "cli/commands.h"
#include "core/area.h"
#include "cli/table_printer.h"
#include "engine/catalogue.h"

namespace lgb::cli {
namespace {

struct AccountOptions {
  std::string db = kDefaultDb;
  std::string secret_file;
  std::string format = "table";
  auth::NewUser user;
  std::string role = "member";
  bool password_stdin = false;
  std::string label;
  std::string key_id;
  std::string action;
  int limit = 50;
};

std::string cli_actor() {
  const char* name = getlogin();
  if (!name) name = std::getenv("USER");
  return std::string("cli:") + (name && *name ? name : "operator");
}

void print(const AccountOptions& o, const api::Table& t) {
  if (o.format == "csv") std::cout << api::encode_csv(t);
  else print_table(std::cout, t);
}

struct Opened {
  std::unique_ptr<Store> store;
  std::unique_ptr<auth::Accounts> accounts;
};
Opened open(const AccountOptions& o) {
  Opened out;
  out.store = open_existing_store(o.db);
  out.accounts = open_accounts(*out.store, o.db, o.secret_file);
  return out;
}

void run_add_user(AccountOptions o) {
  auto role = parse_role(o.role);
  if (!role) fail("role must be member, analyst, data-manager or administrator, not '" + o.role + "'");
  o.user.role = *role;
  if (o.password_stdin) std::getline(std::cin, o.user.password);
  auto a = open(o);
  // A council's organisation takes its name from the register.
  if (o.user.organisation_name.empty() && is_gss_code(o.user.organisation)) {
    auto areas = a.store->list_areas();
    if (!areas) fail(areas.error().message);
    for (const Area& area : *areas)
      if (area.code == o.user.organisation) o.user.organisation_name = area.name;
  }
  auto u = a.accounts->add_user(o.user, cli_actor());
  if (!u) fail(u.error().message);
  std::cout << "added " << to_string(u->role) << " " << u->email << " of " << u->organisation_id
            << "\n";
  if (u->password_hash.empty()) {
    auto token = a.accounts->create_reset_token(u->email, cli_actor());
    if (!token) fail(token.error().message);
    std::cout << "they set their password once at /account/reset?token=" << *token
              << " (valid for 24 hours)\n";
  }
}

void run_list_users(const AccountOptions& o) {
  auto a = open(o);
  auto users = a.store->accounts()->list_users();
  if (!users) fail(users.error().message);
  api::Table t{{"email", "name", "organisation", "role", "status", "created_at"}, {}};
  for (const User& u : *users)
    t.rows.push_back({u.email, u.name, u.organisation_id, std::string(to_string(u.role)),
                      u.disabled ? "disabled" : u.password_hash.empty() ? "no password yet"
                                                                        : "active",
                      u.created_at});
  print(o, t);
}

void run_disable_user(const AccountOptions& o) {
  auto a = open(o);
  if (auto s = a.accounts->disable_user(o.user.email, cli_actor()); !s) fail(s.error().message);
  std::cout << "disabled " << o.user.email << "; their sessions have ended\n";
}

void run_reset_user(const AccountOptions& o) {
  auto a = open(o);
  auto token = a.accounts->create_reset_token(o.user.email, cli_actor());
  if (!token) fail(token.error().message);
  std::cout << "/account/reset?token=" << *token << " (valid for 24 hours, once)\n";
}

void run_create_key(const AccountOptions& o) {
  auto a = open(o);
  auto key = a.accounts->create_key(o.user.email, o.label, cli_actor());
  if (!key) fail(key.error().message);
  std::cout << "key id (LG Inform ApplicationKey): " << key->id << "\n"
            << "secret (shown once; not stored): " << key->secret << "\n"
            << "Authorization: Bearer " << key->bearer() << "\n";
}

void run_list_keys(const AccountOptions& o) {
  auto a = open(o);
  auto keys = a.store->accounts()->list_keys();
  auto users = a.store->accounts()->list_users();
  if (!keys) fail(keys.error().message);
  if (!users) fail(users.error().message);
  api::Table t{{"id", "user", "label", "created_at", "last_used_on", "revoked_at"}, {}};
  for (const ApiKeyRecord& k : *keys) {
    std::string email;
    for (const User& u : *users)
      if (u.id == k.user_id) email = u.email;
    t.rows.push_back({k.id, email, k.label, k.created_at, k.last_used_on, k.revoked_at});
  }
  print(o, t);
}

void run_revoke_key(const AccountOptions& o) {
  auto a = open(o);
  if (auto s = a.accounts->revoke_key(o.key_id, cli_actor()); !s) fail(s.error().message);
  std::cout << "revoked key " << o.key_id << "\n";
}

void run_add_org(const AccountOptions& o) {
  auto a = open(o);
  if (auto s = a.accounts->add_organisation(
          {o.user.organisation, o.user.organisation_name, {}}, cli_actor());
      !s)
    fail(s.error().message);
  std::cout << "added organisation " << o.user.organisation << "\n";
}

void run_list_orgs(const AccountOptions& o) {
  auto a = open(o);
  auto orgs = a.store->accounts()->list_organisations();
  if (!orgs) fail(orgs.error().message);
  api::Table t{{"id", "name", "created_at"}, {}};
  for (const Organisation& org : *orgs) t.rows.push_back({org.id, org.name, org.created_at});
  print(o, t);
}

void run_audit(const AccountOptions& o) {
  auto a = open(o);
  AuditQuery q;
  q.action = o.action;
  q.limit = o.limit;
  auto events = a.store->accounts()->list_audit(q);
  if (!events) fail(events.error().message);
  api::Table t{{"at", "actor", "action", "subject", "organisation", "detail"}, {}};
  for (const AuditEvent& e : *events)
    t.rows.push_back({e.at, e.actor, e.action, e.subject, e.organisation_id, e.detail});
  print(o, t);
}

CLI::App* sub(CLI::App* parent, const char* name, const char* what,
              const std::shared_ptr<AccountOptions>& o) {
  CLI::App* c = parent->add_subcommand(name, what);
  c->add_option("--db", o->db, "SQLite database")->capture_default_str();
  add_secret_option(*c, o->secret_file);
  return c;
}

void add_format(CLI::App* c, AccountOptions& o) {
  c->add_option("--format", o.format, "table or csv")
      ->check(CLI::IsMember({"table", "csv"}))
      ->capture_default_str();
}

}  // namespace

void add_account_commands(CLI::App& app) {
  auto o = std::make_shared<AccountOptions>();

  CLI::App* users = app.add_subcommand("users", "Add, list, disable users; password reset links");
  users->require_subcommand(1);
  CLI::App* add = sub(users, "add", "Add a user to an organisation", o);
  add->add_option("--email", o->user.email, "Their email address (their sign-in name)")->required();
  add->add_option("--name", o->user.name, "Their full name")->required();
  add->add_option("--org", o->user.organisation,
                  "Organisation id: a council's GSS code (E08000035) or a slug")
      ->required();
  add->add_option("--org-name", o->user.organisation_name,
                  "Name of a new organisation (a council's comes from the register)");
  add->add_option("--role", o->role, "member, analyst, data-manager or administrator")
      ->capture_default_str();
  add->add_flag("--password-stdin", o->password_stdin,
                "Read their password from the first line of stdin (otherwise a one-time link "
                "to set it is printed)");
  add->callback([o] { run_add_user(*o); });
  CLI::App* list = sub(users, "list", "List users", o);
  add_format(list, *o);
  list->callback([o] { run_list_users(*o); });
  CLI::App* disable = sub(users, "disable", "Disable a user and end their sessions", o);
  disable->add_option("--email", o->user.email, "The user's email")->required();
  disable->callback([o] { run_disable_user(*o); });
  CLI::App* reset = sub(users, "reset", "Print a one-time link that sets a user's password", o);
  reset->add_option("--email", o->user.email, "The user's email")->required();
  reset->callback([o] { run_reset_user(*o); });

  CLI::App* keys = app.add_subcommand("keys", "Create, list and revoke API keys");
  keys->require_subcommand(1);
  CLI::App* create = sub(keys, "create", "Create a key for a user (its secret is shown once)", o);
  create->add_option("--email", o->user.email, "The user the key acts for")->required();
  create->add_option("--label", o->label, "What the key is for, e.g. 'Power BI'");
  create->callback([o] { run_create_key(*o); });
  CLI::App* klist = sub(keys, "list", "List keys (never their secrets)", o);
  add_format(klist, *o);
  klist->callback([o] { run_list_keys(*o); });
  CLI::App* revoke = sub(keys, "revoke", "Revoke a key at once", o);
  revoke->add_option("--id", o->key_id, "The key id")->required();
  revoke->callback([o] { run_revoke_key(*o); });

  CLI::App* orgs = app.add_subcommand("orgs", "Add and list organisations");
  orgs->require_subcommand(1);
  CLI::App* oadd = sub(orgs, "add", "Add an organisation", o);
  oadd->add_option("--id", o->user.organisation, "A council's GSS code or a slug")->required();
  oadd->add_option("--name", o->user.organisation_name, "Its name")->required();
  oadd->callback([o] { run_add_org(*o); });
  CLI::App* olist = sub(orgs, "list", "List organisations", o);
  add_format(olist, *o);
  olist->callback([o] { run_list_orgs(*o); });

  CLI::App* audit = sub(&app, "audit", "Show the audit log, newest first", o);
  audit->add_option("--action", o->action, "Only this action, e.g. sign-in or key-use");
  audit->add_option("--limit", o->limit, "At most this many events")->capture_default_str();
  add_format(audit, *o);
  audit->callback([o] { run_audit(*o); });
}

}  // namespace lgb::cli
