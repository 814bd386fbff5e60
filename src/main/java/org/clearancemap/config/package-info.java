/**
 * The server's settings: {@link org.clearancemap.config.Config} declares every setting once (its
 * environment variable, default, allowed values and meaning), reads them from the environment at
 * start, fails fast naming every bad variable, logs the effective settings with secrets masked and
 * writes the table of {@code docs/SETTINGS.md}. This package imports no other package of the
 * server, so every package may read its settings.
 */
package org.clearancemap.config;
