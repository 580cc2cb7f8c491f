#!/bin/sh
# Removes what install.sh put in place for the current user. Plans, settings and autosaves are kept.
set -eu
data=${XDG_DATA_HOME:-$HOME/.local/share}
app=$data/salesplanner
bin=$HOME/.local/bin

if [ -L "$bin/salesplanner" ] && [ "$(readlink "$bin/salesplanner")" = "$app/salesplanner" ]; then
  rm -f "$bin/salesplanner"
fi
rm -f "$data/applications/salesplanner.desktop" "$data/mime/packages/salesplanner.xml"
find "$data/icons/hicolor" \( -name 'salesplanner.png' -o -name 'salesplanner.svg' \
     -o -name 'application-x-salesplanner.png' -o -name 'application-x-salesplanner.svg' \) -type f -delete \
     2>/dev/null || true
command -v update-mime-database >/dev/null 2>&1 && update-mime-database "$data/mime" >/dev/null 2>&1 || true
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database "$data/applications" >/dev/null 2>&1 || true
command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t -f "$data/icons/hicolor" >/dev/null 2>&1 || true
rm -rf "$app"
echo "Sales Planner is uninstalled. Your plans and settings are untouched."
