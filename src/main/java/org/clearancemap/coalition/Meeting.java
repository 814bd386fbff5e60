package org.clearancemap.coalition;

import java.time.Instant;
import java.time.LocalDate;

/** A meeting of a Country Coalition as recorded; meetings are only added, never changed. */
public record Meeting(long id, LocalDate date, String title, String notes, Instant recordedAt) {
}
