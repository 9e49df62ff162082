#include "store/sealed_text.hpp"

#include "store/case_repo.hpp"
#include "store/row_values.hpp"

namespace hejia::store {

std::string SealConsultationAnswer(const security::FieldCipher& cipher, int64_t id,
                                   std::string_view answer) {
  return cipher.Encrypt(answer, AssociatedData("consultations", "answer", id));
}

std::optional<std::string> OpenConsultationAnswer(const security::FieldCipher& cipher, int64_t id,
                                                  std::string_view answer_enc,
                                                  std::string_view legacy) {
  if (answer_enc.empty()) return std::string(legacy);
  return cipher.Decrypt(answer_enc, AssociatedData("consultations", "answer", id));
}

int64_t SealLegacyText(Connection& conn, const security::FieldCipher& cipher) {
  int64_t sealed = 0;
  for (const auto& r :
       conn.Query("SELECT id, title FROM cases WHERE title_enc = '' AND title <> '' ORDER BY id")) {
    const int64_t id = r.Int(0);
    sealed +=
        conn.Execute("UPDATE cases SET title_enc = ?, title = ? WHERE id = ? AND title_enc = ''",
                     {EncryptCaseText(cipher, id, "title", r.Text(1)),
                      MaskedCaseTitle(r.Text(1), PartyNames(conn, id)), id});
  }
  for (const auto& r : conn.Query("SELECT id, answer FROM consultations WHERE answer <> '' AND "
                                  "answer_enc = '' ORDER BY id")) {
    const int64_t id = r.Int(0);
    sealed += conn.Execute(
        "UPDATE consultations SET answer_enc = ?, answer = '' WHERE id = ? AND answer_enc = ''",
        {SealConsultationAnswer(cipher, id, r.Text(1)), id});
  }
  return sealed;
}

}  // namespace hejia::store
