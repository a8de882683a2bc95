// Completion certificates (结业证书): issued to the completers of a course as `report course` judges
// them, numbered, verified, revoked and printed. A certificate states what was true when it was
// issued (name, course, dates, hours, grade) and keeps it: `verify` shows those fields and the
// status, so a printout whose text was edited is caught.
//
// Numbers: the course code, '-' and the course's sequence number in at least 3 digits
// ("QN2026-1-001"). The sequence only grows: a revoked certificate keeps its row and its number, a
// new certificate takes the next one. Two courses never make the same number (course codes are
// unique and the sequence is digits only).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cadre/database.hpp"
#include "cadre/model.hpp"
#include "cadre/types.hpp"

namespace cadre {

struct CertificateIssueInput {
  std::string course;                  // course code
  std::vector<std::string> staff_nos;  // empty: every completer of the course
  std::optional<Date> on;              // the issue date; none: today (database time zone)
};

struct IssuedCertificate {
  std::string number, staff_no;
};

struct CertificateIssueResult {
  std::vector<IssuedCertificate> issued;   // new certificates, by staff number
  std::vector<IssuedCertificate> skipped;  // completers who hold a valid certificate already (its number)
};

// Issues a certificate to each named completer (or every completer), all or nothing, one audit
// entry each. Refused: an unknown course or person (not_found); a named person who did not
// complete, naming them and the reasons (`report course`'s codes, or not_enrolled / waitlisted)
// (conflict); `on` before the course's end (invalid). Someone who holds a valid certificate of the
// course is skipped (no second number); after a revocation one may be issued again, with a new number.
CADRE_API CertificateIssueResult issue_certificates(Database& db, const CertificateIssueInput& in);
// The result as data: issued[]{number,staff_no}, skipped[]{number,staff_no} (the number held).
CADRE_API Report to_model(const CertificateIssueResult& result);

// Revokes a valid certificate (audited); an unknown number is not_found, a revoked one conflict,
// a blank reason invalid. `on`: the revocation date, none = today; not before the issue date.
CADRE_API void revoke_certificate(Database& db, const std::string& number, const std::string& reason,
                                  std::optional<Date> on = std::nullopt);

// A certificate as `certificate verify` shows it.
struct Certificate {
  std::string number;
  std::string status;  // valid | revoked
  std::string staff_no, name;
  std::string course, title, organizer_name;  // course: code
  Date start{}, end{};
  double hours = 0;   // the hours attended, as `report course` credits them
  std::string grade;  // excellent | good | pass
  Date issued_on{};
  std::optional<Date> revoked_on;
  std::optional<std::string> revoked_reason;
};

// The certificate numbered `number`; Error(not_found) naming NUMBER for an unknown one.
CADRE_API Certificate certificate(Database& db, const std::string& number);
// The text of the certificate's QR code: fixed English keys, one "key: value" a line, the fields a
// verifier compares with `certificate verify` (the status is not printed: it may change later).
CADRE_API std::string verification_text(const Certificate& c);
// `certificate verify NUMBER`: the certificate's fields and status.
CADRE_API Report to_model(const Certificate& c);
CADRE_API Report report_certificate(Database& db, const std::string& number);
// `certificate show NUMBER`: the same data and the printable page (html: one A4 page with the QR code).
CADRE_API Report certificate_page(Database& db, const std::string& number);

}  // namespace cadre
