/**
 * The benchmark report: reads the run results of one {@code scripts/bench.sh} run, sets each headline figure
 * against the ceiling, checks the targets, and writes JSON and markdown with the machine facts.
 *
 * <p>Depends on {@code dev.sustain.bench.load} (the result format) and Vert.x's JSON types. Single-threaded.
 */
package dev.sustain.bench.report;
