/** The command-line tool {@code wikifarm} for sysadmins: a second, headless composition root over a stopped server's data folder (picocli commands, progress, exit codes, JSON output). */
package org.wikifarm.cli;
