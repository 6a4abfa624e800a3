"""Provides sync through a folder the person already syncs (Syncthing, Nextcloud, Dropbox).

Each machine writes only its own append-only files into the folder and only
reads the others'; records merge by their keys, so the order files arrive in
and how often sync runs never matter. The live SQLite database never goes
into the folder. `kinds` says what travels, `folder` the files, `merge` one
sync, `auto` the background sync around sessions.
"""
