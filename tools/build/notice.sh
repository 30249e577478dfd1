#!/bin/sh
# Prints a build notice where the person running the build sees it. `dotnet run` builds quietly (only errors
# and warnings reach the console), so a notice goes straight to the terminal when there is one; otherwise (CI,
# IDEs, redirected builds) to standard output, which the calling Exec logs as a high-importance message.
{ printf '%s\n' "$*" > /dev/tty; } 2>/dev/null || printf '%s\n' "$*"
