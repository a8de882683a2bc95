// certificate issue | verify | revoke | show: completion certificates (结业证书).
#include "cadre/certificate.hpp"
#include "cadre/parse.hpp"
#include "context.hpp"

namespace cadre::cli {

int cmd_certificate(Context& ctx, const Args& args) {
  const std::string usage =
      "usage: cadre certificate issue COURSE [STAFF_NO...] [--on DATE]\n"
      "       cadre certificate verify NUMBER\n"
      "       cadre certificate revoke NUMBER --reason R [--on DATE]\n"
      "       cadre certificate show NUMBER [--format html -o FILE]\n" +
      tr("issue: a numbered 结业证书 for each completer of the course as report course judges it (every\n"
         "completer without STAFF_NO); a named person who did not complete is refused with the reasons,\n"
         "and nothing is issued. Someone holding a valid certificate of the course is skipped; after a\n"
         "revocation a new certificate gets a new number. Numbers are CODE-NNN and never reused.\n"
         "--on: the issue (or revocation) date, default today; not before the course ends.\n"
         "show: the printable certificate (html: one A4 page with a QR code of the verification text).\n");
  if (help_requested(args, usage, ctx)) return 0;
  const std::string& verb = args[0];
  if (verb == "issue") {
    // COURSE [STAFF_NO...]: the staff numbers may be left out, so one repeated positional holds both.
    auto vm = parse(rest(args), string_options({"on"}), {"COURSE"}, true);
    auto words = vm["COURSE"].as<std::vector<std::string>>();
    CertificateIssueInput in;
    in.course = words.front();
    in.staff_nos.assign(words.begin() + 1, words.end());
    in.on = parse_optional_date(opt(vm, "on"), "on");
    auto result = issue_certificates(ctx.db(), in);
    Node extra = std::move(to_model(result).data);
    std::string text;
    for (const auto& c : result.issued)
      text.append(text.empty() ? "" : "\n").append(tr("{} issued to {}", c.number, c.staff_no));
    for (const auto& c : result.skipped)
      text.append(text.empty() ? "" : "\n").append(tr("{} holds {} already: skipped", c.staff_no, c.number));
    if (text.empty()) text = tr("no certificate issued: nobody has completed {}", in.course);
    ctx.done(text, std::move(extra));
    return 0;
  }
  if (verb == "verify" || verb == "show") {
    auto vm = parse(rest(args), {}, {"NUMBER"});
    std::string number = req(vm, "NUMBER");
    ctx.emit(verb == "verify" ? report_certificate(ctx.db(), number) : certificate_page(ctx.db(), number));
    return 0;
  }
  if (verb == "revoke") {
    auto vm = parse(rest(args), string_options({"reason", "on"}), {"NUMBER"});
    std::string number = req(vm, "NUMBER");
    revoke_certificate(ctx.db(), number, req(vm, "reason"), parse_optional_date(opt(vm, "on"), "on"));
    ctx.done(tr("certificate {} revoked", number));
    return 0;
  }
  unknown_verb("certificate", verb);
}

}  // namespace cadre::cli
