// samizdat: the one binary. Parses the command line and runs a subcommand.
#include <CLI/CLI.hpp>

#include "app/commands.h"
#include "app/config_file.h"
#include "app/version.h"
#include "store/postgres/postgres_store.h"

int main(int argc, char** argv) {
  samizdat::app::GlobalOptions global;
  int exit_code = 0;

  CLI::App app{"samizdat: a self-hosted blog server compatible with Blogger"};
  app.require_subcommand(1);
  app.option_defaults()->always_capture_default();
  // Any option can come from a TOML file instead: top-level keys for the global ones
  // (db = "postgresql://…"), a [serve] table for the server's.
  // A key no option takes is an error naming its line, not silently ignored.
  app.set_config("--config", "", "Read options from this TOML file");
  app.allow_config_extras(CLI::config_extras_mode::error);
  app.set_version_flag("--version", samizdat::app::VersionLine(),
                       "Print the version and the git commit it was built from");
  app.add_option("--data", global.data_dir,
                 "Directory of the SQLite database, and of the access log by default");
  app.add_option("--db", global.db_url,
                 "A PostgreSQL database (postgresql://…) to use instead of the SQLite one, "
                 "shared by every node pointed at it")
      ->envname("SAMIZDAT_DB")
      ->check([](const std::string& url) {
        return samizdat::store::IsPostgresUrl(url) ? std::string()
                                                   : "a postgresql:// URL is needed, not " + url;
      });
  app.add_option("--theme", global.theme_dir,
                 "Directory of a theme to use instead of the built-in one")
      ->check(CLI::ExistingDirectory);

  samizdat::app::RegisterServe(app, global, exit_code);
  samizdat::app::RegisterBlog(app, global, exit_code);
  samizdat::app::RegisterPosts(app, global, exit_code);
  samizdat::app::RegisterComments(app, global, exit_code);
  samizdat::app::RegisterTransfer(app, global, exit_code);
  samizdat::app::RegisterUsers(app, global, exit_code);
  samizdat::app::RegisterTheme(app, global, exit_code);
  samizdat::app::RegisterBackup(app, global, exit_code);
  samizdat::app::RegisterMigrate(app, exit_code);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    // One line, like every other error; --help shows the usage. A key of the --config
    // file that no option takes is named with its file and line.
    if (auto key = samizdat::app::UnknownConfigKey(e.what())) {
      const std::string path = app.get_config_ptr()->as<std::string>();
      std::cerr << "samizdat: error: " << samizdat::app::UnknownConfigKeyMessage(path, *key)
                << "\n";
    } else {
      std::cerr << "samizdat: error: " << e.what() << " (see --help)\n";
    }
    return e.get_exit_code() == 0 ? 2 : e.get_exit_code();
  }
  return exit_code;
}
