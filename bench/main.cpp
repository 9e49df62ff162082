// `hejia_bench`: the parts of `make bench` that are not wrk (see scripts/bench.sh).
#include <CLI/CLI.hpp>
#include <iostream>

#include "bench.hpp"
#include "security/sodium_init.hpp"

using namespace hejia;

int main(int argc, char** argv) {
  security::EnsureSodium();
  CLI::App cli{"HeJia benchmark helper: city-scale dataset and the sqlite3 C API baseline"};
  cli.require_subcommand(1);

  bench::CityOptions city;
  auto* generate = cli.add_subcommand("generate", "Create the city-scale database");
  generate->add_option("--db", city.db_path, "SQLite file (its key file goes beside it)")
      ->required();
  generate->add_option("--password", city.password, "password of the demo accounts")->required();
  generate->add_option("--households-per-grid", city.households_per_grid)->capture_default_str();
  generate->add_option("--seed", city.seed)->capture_default_str();

  std::string db_path, town = "330784001", out_dir;
  auto* prepare = cli.add_subcommand("prepare", "Write the ids the wrk scripts use");
  prepare->add_option("--db", db_path, "SQLite file")->required();
  prepare->add_option("--town", town, "town code")->capture_default_str();
  prepare->add_option("--out", out_dir, "folder for people_ids.txt, household_ids.txt")->required();

  bench::BaselineOptions base;
  auto* baseline = cli.add_subcommand("baseline", "The same SQL through the sqlite3 C API");
  baseline->add_option("--db", base.db_path, "SQLite file")->required();
  baseline->add_option("--ids", base.ids_dir, "folder written by prepare")->required();
  baseline->add_option("--town", base.town_code, "town code")->default_val("330784001");
  baseline->add_option("--q", base.name_filter, "households filter q")->default_val("王");
  baseline->add_option("--pages", base.pages)->capture_default_str();
  baseline->add_option("--seconds", base.seconds, "per measurement")->capture_default_str();
  baseline->add_flag("--families", base.families, "also the key-families list");
  baseline->add_flag("--explain", base.explain, "print the statements, plans and times instead");

  bench::SignOptions sign;
  auto* sign_cmd = cli.add_subcommand("sign-incidents", "Signed police incidents for wrk");
  sign_cmd->add_option("--db", sign.db_path, "SQLite file")->required();
  sign_cmd->add_option("--town", sign.town_code, "town code")->default_val("330784001");
  sign_cmd->add_option("--code", sign.code, "the partner's code")->required();
  sign_cmd->add_option("--key", sign.key, "the partner's key")->required();
  sign_cmd->add_option("--count", sign.count)->capture_default_str();
  sign_cmd->add_option("--out", sign.out_file, "file of signed requests")->required();

  bench::FamilyOptions families;
  auto* families_cmd = cli.add_subcommand("list-families", "Key families over the households");
  families_cmd->add_option("--db", families.db_path, "SQLite file")->required();
  families_cmd->add_option("--count", families.count)->capture_default_str();

  bench::RosterOptions roster;
  auto* roster_cmd = cli.add_subcommand("volunteer-roster", "An XLSX roster for the import");
  roster_cmd->add_option("--db", roster.db_path, "SQLite file")->required();
  roster_cmd->add_option("--town", roster.town_code, "town code")->default_val("330784001");
  roster_cmd->add_option("--count", roster.count)->capture_default_str();
  roster_cmd->add_option("--out", roster.out_file, "the XLSX file")->required();

  bench::CockpitDataOptions cockpit;
  auto* cockpit_cmd =
      cli.add_subcommand("cockpit-data", "Help requests and visits for the cockpit");
  cockpit_cmd->add_option("--db", cockpit.db_path, "SQLite file")->required();
  cockpit_cmd->add_option("--cases", cockpit.cases)->capture_default_str();
  cockpit_cmd->add_option("--visits", cockpit.visits)->capture_default_str();

  CLI11_PARSE(cli, argc, argv);
  try {
    if (*generate) return bench::Generate(city);
    if (*prepare) return bench::Prepare(db_path, town, out_dir);
    if (*baseline) return bench::Baseline(base);
    if (*sign_cmd) return bench::SignIncidents(sign);
    if (*families_cmd) return bench::ListFamilies(families);
    if (*roster_cmd) return bench::VolunteerRoster(roster);
    if (*cockpit_cmd) return bench::CockpitData(cockpit);
  } catch (const std::exception& e) {
    std::cerr << "hejia_bench: " << e.what() << '\n';
    return 1;
  }
  return 0;
}
