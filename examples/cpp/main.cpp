// A C++ program using libcadre: opens a database, records a unit and a cadre, prints a report.
// Errors are cadre::Error; its code is the CLI's exit code, returned here as well.
#include <cadre/database.hpp>
#include <cadre/error.hpp>
#include <cadre/people.hpp>
#include <cadre/render.hpp>

#include <iostream>

namespace {

// Runs one step; a record that is already there is fine, so the program can run again.
template <typename F>
void step(F&& f) {
  try {
    f();
  } catch (const cadre::Error& e) {
    if (e.code() != cadre::Errc::conflict) throw;
  }
}

void record(cadre::Database& db) {
  step([&] { cadre::add_unit(db, {"QXORG", "青溪区委组织部", "org_dept", std::nullopt}); });
  step([&] {
    cadre::PersonInput p;
    p.staff_no = "A1001";
    p.name = "王建国";
    p.unit = "QXORG";
    p.tier = "leader";
    p.rank = "四级调研员";
    cadre::add_person(db, p);
  });
  // Training and secondment steps go here: enrol the trainee, record an evaluation.
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: summary DATABASE\n";
    return 2;
  }
  try {
    std::cout << "cadre " << cadre::version() << "\n";
    cadre::Database db(argv[1]);
    db.set_actor("main.cpp");
    record(db);
    std::cout << cadre::render(cadre::list_people(db, std::string("QXORG")), {"table", "en", 0}) << "\n";
    return 0;
  } catch (const cadre::Error& e) {
    std::cerr << "summary: " << e.what() << "\n";
    return static_cast<int>(e.code());
  }
}
