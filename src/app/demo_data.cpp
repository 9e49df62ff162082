// PLACEHOLDER: being written.
#include "app/commands.hpp"
namespace hejia::app {
void LoadDemoData(store::Database&, const security::KeyRing&, const Clock&, const std::string&, std::ostream&) {}
void AddUser(store::Database&, const security::KeyRing&, const Clock&, const std::string&, const std::string&, const std::string&, const std::string&, const std::string&) {}
}
