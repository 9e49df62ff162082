// The generated demo city of Yongkang: regions, households, people and one account per role.
// Names are synthetic; no real person's data. The same generator, scaled up, feeds `make bench`.
#pragma once
#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <map>
#include <string>

#include "common/clock.hpp"
#include "security/field_cipher.hpp"
#include "security/keys.hpp"
#include "store/db.hpp"

namespace hejia::app {

/// How big a city to generate.
struct DemoScale {
  int villages_per_town = 4;
  int grids_per_village = 3;
  int households_per_grid = 180;  // average; varies per grid (30,000 in the demo city)
  uint64_t seed = 20261128;
  // A reporting year of visits (the article's figures); zero for none.
  int households_visited = 9785;
  int care_person_visits = 17596;
  int lectures = 21;
};

/// Inserts the region tree (if missing) and households with people (if the city has none).
/// Returns the number of households created.
int64_t GenerateCity(store::Connection& conn, const security::FieldCipher& cipher, int64_t now,
                     const DemoScale& scale);

/// Demo accounts as `login<TAB>role<TAB>region-code` lines; creates the missing ones with
/// `password_hash` (the staff who take night duty with a generated phone).
void EnsureDemoAccounts(store::Connection& conn, const security::FieldCipher& cipher,
                        const std::string& password_hash, int64_t now, std::ostream& out);

/// What GenerateMediation added.
struct MediationDemoCounts {
  int64_t rooms = 0;
  int64_t demonstration = 0;
  int64_t mediators = 0;
  int64_t shifts = 0;
};

/// Mediation rooms (the city's centre, every town, the first villages; 35 demonstration sites)
/// and mediators, if the city has none yet, and the duty roster from last night through the next
/// 14 days after `now` (nightly 17:30–08:30, weekend days 08:30–17:30, for the city and each
/// town; 东城街道's `town` account takes every night). Missing roster accounts are created with
/// `password_hash`. Deterministic (demo_mediation.cpp).
MediationDemoCounts GenerateMediation(store::Connection& conn, const security::FieldCipher& cipher,
                                      const std::string& password_hash, int64_t now);

/// A year of help requests and mediation (249 received since January, 232 resolved by an
/// agreement), if the database has no case yet; needs the mediators. Returns the cases made
/// (demo_cases.cpp).
int64_t GenerateDemoCases(store::Connection& conn, const security::FieldCipher& cipher,
                          int64_t now);

/// The article's 59 key families (7 red, 16 yellow, 36 blue) on households spread over the city,
/// listed by the `city` account with a checklist suggesting each colour, if there are none yet;
/// needs the households and the accounts. Returns the families made (demo_families.cpp).
int64_t GenerateDemoFamilies(store::Connection& conn, const security::FieldCipher& cipher,
                             int64_t now);

/// An active household plan for every yellow and red demo family (red ones countersigned by the
/// city), with measures (some done, one or two overdue) and a generated safety plan, if there
/// is no plan yet; then every family's supervision mark. Returns the plans made (demo_plans.cpp).
int64_t GenerateDemoPlans(store::Connection& conn, const security::FieldCipher& cipher,
                          int64_t now);

/// A year of police incidents (about 300, their pushes worked with realistic timeliness) and the
/// police 110 system as a partner (code police-110; its key, made here, is not shown: rotate it
/// in the console to connect a test client), if there is no incident yet. Returns the incidents
/// made (demo_incidents.cpp).
int64_t GenerateDemoIncidents(store::Connection& conn, const security::FieldCipher& cipher,
                              int64_t now);

/// The article's 11,656 volunteers in three-level teams, one grid sister on every grid, if there
/// is no volunteer yet; needs the regions and the accounts. Returns the volunteers made
/// (demo_volunteers.cpp).
int64_t GenerateDemoVolunteers(store::Connection& conn, const security::FieldCipher& cipher,
                               int64_t now);

/// A year of visits by the grid sisters, cadres and volunteers, if there is none yet: must-visits
/// reaching the scale's distinct households (the article's 9,785; problems found settled on the
/// spot or referred), weekend care adding up to its person-visits (17,596), and its
/// family-mediation training lectures (21) with attendance; needs the volunteers. Returns the
/// visits made (demo_visits.cpp).
int64_t GenerateDemoVisits(store::Connection& conn, const security::FieldCipher& cipher,
                           int64_t now, const DemoScale& scale);

/// A reporting year of the 12338 hotline's calls (one linked to every help request that came by
/// the hotline, about 420 more ending in advice, a referral or a call back), if there is none
/// yet; needs the cases and the accounts. Returns the calls made (demo_cloud.cpp).
int64_t GenerateDemoHotline(store::Connection& conn, const security::FieldCipher& cipher,
                            int64_t now);
/// A reporting year of the portal's online consultations (168, answered by the city and town
/// staff, the newest four still open), if there is none yet (demo_cloud.cpp).
int64_t GenerateDemoConsultations(store::Connection& conn, const security::FieldCipher& cipher,
                                  int64_t now);
/// The provincial dispute platform as a partner (code odr-platform, kind odr_platform; its key,
/// made here, is not shown: rotate it in the console to connect a test client) and the demo's
/// cases that came from it linked to their 解纷码, if none is linked yet (demo_cloud.cpp).
int64_t GenerateDemoOdr(store::Connection& conn, const security::FieldCipher& cipher, int64_t now);
/// The demo's legal-education media as stored (empty digests when the files were not found).
struct DemoMedia {
  std::string clip_sha;
  int64_t clip_size = 0;
  std::map<std::string, std::string> posters;  // topic code -> digest (JPEG)
};
/// Stores the demo's generated media (assets/demo: a WebM clip, a poster a topic) in the media
/// store at `media_root`; looks in $HEJIA_DEMO_ASSETS, ./assets/demo and beside the executable's
/// folder. Empty when `media_root` is empty or the files are not found (demo_data.cpp).
DemoMedia InstallDemoMedia(const std::filesystem::path& media_root);
/// A reporting year of legal education, if there is none yet: 12 videos and 6 articles published
/// (the videos with the demo clip), one in review and a draft; the campaigns 法治新征程 平安进万家
/// and 守护花开 与法"童"行 (target 100) with its 100 school lectures; one brand a town; lecture
/// halls and performances. Returns the content items made (demo_cloud.cpp).
int64_t GenerateDemoLegal(store::Connection& conn, const security::FieldCipher& cipher, int64_t now,
                          const DemoMedia& media);
/// The whole demo load in the caller's transaction: schema, city, accounts (lines to `accounts`)
/// and one audit entry. Returns the number of households created.
int64_t LoadCity(store::Connection& conn, const security::FieldCipher& cipher,
                 const security::KeyRing& keys, const std::string& password_hash, int64_t now,
                 const DemoScale& scale, std::ostream& accounts, const DemoMedia& media = {});

}  // namespace hejia::app
