package io.lecturelab.coursework.team;

import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/** A course's presentation slots in running order, for any member; the viewer's team, if any. */
public record PresentationSchedule(ZoneId zone, int minutes, List<Slot> slots, Optional<Long> myTeamId,
                                   boolean staff) {
}
