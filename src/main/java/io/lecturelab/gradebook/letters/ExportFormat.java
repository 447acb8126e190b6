package io.lecturelab.gradebook.letters;

/** The files a gradebook can be downloaded as. */
public enum ExportFormat {
    /** student number, item, points, excused: the columns the gradebook's CSV import reads. */
    SCORES_CSV("csv", "text/csv; charset=UTF-8"),
    /** One row per student: number, name, every item, the subtotals, the total and the letter. */
    SHEET_CSV("csv", "text/csv; charset=UTF-8"),
    /** The same sheet as an Excel workbook. */
    SHEET_XLSX("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private final String extension;
    private final String contentType;

    ExportFormat(String extension, String contentType) {
        this.extension = extension;
        this.contentType = contentType;
    }

    public String extension() {
        return extension;
    }

    public String contentType() {
        return contentType;
    }
}
