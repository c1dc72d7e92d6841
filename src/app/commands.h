// The CLI's subcommands. Each Register* adds its commands to the CLI11 app; when one
// runs, it sets `exit_code` (0 only on success).
#pragma once

#include <CLI/CLI.hpp>

#include "app/context.h"

namespace samizdat::app {

void RegisterServe(CLI::App& app, const GlobalOptions& global, int& exit_code);
void RegisterBlog(CLI::App& app, const GlobalOptions& global, int& exit_code);
void RegisterPosts(CLI::App& app, const GlobalOptions& global, int& exit_code);
void RegisterComments(CLI::App& app, const GlobalOptions& global, int& exit_code);
void RegisterTransfer(CLI::App& app, const GlobalOptions& global, int& exit_code);
void RegisterUsers(CLI::App& app, const GlobalOptions& global, int& exit_code);
void RegisterTheme(CLI::App& app, const GlobalOptions& global, int& exit_code);
void RegisterBackup(CLI::App& app, const GlobalOptions& global, int& exit_code);
// `migrate` opens the two databases it names, never the global options' one.
void RegisterMigrate(CLI::App& app, int& exit_code);

}  // namespace samizdat::app
