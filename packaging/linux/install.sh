#!/bin/sh
# Installs Sales Planner for the current user, no root needed: the app into
# ${XDG_DATA_HOME:-~/.local/share}/salesplanner, the `salesplanner` command into ~/.local/bin, and a menu
# entry, the .salesplan file type and the icons into ${XDG_DATA_HOME:-~/.local/share}. Running it again
# replaces an earlier version; uninstall.sh (also copied into the app's folder) takes it all away.
set -eu
here=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
data=${XDG_DATA_HOME:-$HOME/.local/share}
app=$data/salesplanner
bin=$HOME/.local/bin

case $app in *'
'*) echo "install.sh: the folder $app has a line break in its name; set XDG_DATA_HOME elsewhere" >&2; exit 1 ;; esac

# The app: copied beside the old one, then swapped in, so a failed copy leaves the old one working.
mkdir -p "$data"
rm -rf "$app.new"
mkdir "$app.new"
cp -R "$here/salesplanner" "$here/_internal" "$here/uninstall.sh" "$here/LICENSE" "$app.new/"
rm -rf "$app"
mv "$app.new" "$app"

mkdir -p "$bin"
ln -sf "$app/salesplanner" "$bin/salesplanner"

# The menu entry. Exec quotes the program's path as the Desktop Entry specification says: inside double
# quotes, \ " ` $ take a backslash, then every backslash is doubled (the string escape), and % is %%.
quoted=$(printf '%s' "$app/salesplanner" | sed -e 's/[\\"`$]/\\&/g' -e 's/\\/\\\\/g' -e 's/%/%%/g')
mkdir -p "$data/applications"
sed -e "s|@EXEC@|\"$(printf '%s' "$quoted" | sed -e 's/[|&\\]/\\&/g')\"|" \
    "$here/share/applications/salesplanner.desktop" > "$data/applications/salesplanner.desktop"

# The file type and the icons (the app's, and the one .salesplan files get).
mkdir -p "$data/mime/packages"
cp "$here/share/mime/packages/salesplanner.xml" "$data/mime/packages/salesplanner.xml"
(cd "$here/share" && find icons -type f) | while IFS= read -r icon; do
  mkdir -p "$data/$(dirname -- "$icon")"
  cp "$here/share/$icon" "$data/$icon"
done

# Refresh the desktop's caches where the tools exist (a desktop without them rescans by itself).
command -v update-mime-database >/dev/null 2>&1 && update-mime-database "$data/mime" >/dev/null 2>&1 || true
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database "$data/applications" >/dev/null 2>&1 || true
command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t -f "$data/icons/hicolor" >/dev/null 2>&1 || true
command -v xdg-mime >/dev/null 2>&1 && xdg-mime default salesplanner.desktop application/x-salesplanner >/dev/null 2>&1 || true

echo "Sales Planner is installed: find it in the applications menu, double-click a .salesplan file,"
echo "or run $bin/salesplanner. To remove it: $app/uninstall.sh"
case ":$PATH:" in *":$bin:"*) ;; *) echo "(Add $bin to PATH to run salesplanner from any terminal.)" ;; esac
