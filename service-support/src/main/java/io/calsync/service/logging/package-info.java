/**
 * Log lines that request content cannot forge: control characters (line breaks, ANSI escapes, NUL) and
 * bidirectional overrides in messages and exception texts are replaced before they reach a console or file.
 */
package io.calsync.service.logging;
