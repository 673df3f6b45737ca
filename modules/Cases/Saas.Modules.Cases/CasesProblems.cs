namespace Saas.Modules.Cases;

/// <summary>
/// The e-Akte's problem catalogue (docs/adr/0012): one factory per code; the title is the text
/// <c>problem.{code}</c> in the module's text files. No other file of the module builds a problem (an architecture test,
/// <c>ModuleCode_ThrowsProblemsFromItsCatalogueOnly</c>, keeps it so), so a code is spelled once and has one title.
/// </summary>
internal static class CasesProblems
{
    public static SaasProblemException InboxItemNotFound(Guid id) => Problem.NotFound("inbox-item-not-found", id.ToString());

    public static SaasProblemException InboxItemClosed() => Problem.Conflict("inbox-item-closed");

    /// <summary>A status filter of the inbox list that is not one of its statuses.</summary>
    public static SaasProblemException InvalidInboxStatus(string parameter) => Problem.BadRequest("invalid-inbox-status", parameter);

    /// <summary>A paging cursor that was not made by this list (edited, or of another list).</summary>
    public static SaasProblemException InvalidCursor(string parameter) => Problem.BadRequest("invalid-cursor", parameter);

    /// <summary>An upload form without its file.</summary>
    public static SaasProblemException FileMissing(string? field) => Problem.BadRequest("file-missing", field);

    /// <summary>An upload endpoint was sent something other than a multipart form.</summary>
    public static SaasProblemException FormExpected() => Problem.BadRequest("form-expected");

    // Uploads: documents, scan batches, mail (Features/Documents, Features/Ingest, Features/Inbox).

    public static SaasProblemException TooManyFiles(int count, int maxFiles) =>
        Problem.TooLarge("too-many-files", string.Create(CultureInfo.InvariantCulture, $"{count} files"), ("maxFiles", maxFiles));

    public static SaasProblemException FileTooLarge(string fileName, long maxBytes) => Problem.TooLarge("file-too-large", fileName, ("value", maxBytes / 1024 / 1024));

    /// <summary>The bytes are not of the declared type (or of no type the platform takes); both are named in the detail.</summary>
    public static SaasProblemException ContentMismatch(string fileName, string? declared, string? found) =>
        Problem.UnsupportedType("content-mismatch", $"{fileName}: declared {declared}, found {found ?? "unknown"}");

    /// <summary>A PDF that cannot be read (damaged or encrypted), named with the tool's reason in the detail.</summary>
    public static SaasProblemException PdfUnreadable(string name, string reason) => Problem.Unprocessable("pdf-unreadable", $"{name}: {reason}", ("name", name));

    public static SaasProblemException TooManyPages(string fileName, int maxPages) =>
        Problem.TooLarge("too-many-pages", string.Create(CultureInfo.InvariantCulture, $"{fileName}: more than {maxPages} pages"), ("maxPages", maxPages));

    public static SaasProblemException ScanBatchTooManyPages(string name, int maxPages) => Problem.TooLarge("scan-batch-too-many-pages", name, ("maxPages", maxPages));

    public static SaasProblemException ScanBatchTooLarge(string fileName, long maxBytes) =>
        Problem.TooLarge("scan-batch-too-large", fileName, ("megabytes", maxBytes / 1024 / 1024));

    /// <summary>A scan batch that is neither a PDF, a TIFF nor a ZIP of them.</summary>
    public static SaasProblemException ScanBatchType() => Problem.UnsupportedType("batch-type");

    // ZIP archives from outside (scan batches, legacy imports, hand-over packages; Features/Ingest/SafeZip.cs).

    public static SaasProblemException ZipUnreadable(string reason) => Problem.BadRequest("zip-unreadable", reason);

    public static SaasProblemException ZipEmpty() => Problem.BadRequest("zip-empty");

    public static SaasProblemException ZipTooManyEntries(int count, int maxEntries) =>
        Problem.BadRequest("zip-too-many-entries", string.Create(CultureInfo.InvariantCulture, $"{count} entries"), ("maxEntries", maxEntries));

    /// <summary>An entry's path leaves the archive's folder (<c>../</c>, absolute, empty segments).</summary>
    public static SaasProblemException ZipUnsafePath(string name) => Problem.BadRequest("zip-unsafe-path", name, ("name", name));

    /// <summary>An entry unpacks to more than the limit (a zip bomb), named with the limit.</summary>
    public static SaasProblemException ZipTooLarge(string name, long maxBytes) => Problem.TooLarge("zip-too-large", name, ("value", maxBytes / 1024 / 1024), ("name", name));

    public static SaasProblemException ZipEntryType(string fullName) => Problem.UnsupportedType("zip-entry-type", fullName, ("fullName", fullName));

    public static SaasProblemException ScanBatchNotFound(Guid id) => Problem.NotFound("scan-batch-not-found", id.ToString());

    /// <summary>Only a failed batch is split again; the status it has is the detail.</summary>
    public static SaasProblemException ScanBatchNotFailed(string status) => Problem.Conflict("scan-batch-not-failed", status);

    public static SaasProblemException ScanBatchChanged(Guid id) => Problem.Conflict("scan-batch-changed", id.ToString());

    public static SaasProblemException MailTooLarge(long maxBytes) => Problem.TooLarge("mail-too-large", null, ("value", maxBytes / 1024 / 1024));

    public static SaasProblemException MailUnreadable(string reason) => Problem.BadRequest("mail-unreadable", reason);

    // Search (Features/Search).

    public static SaasProblemException QueryTooShort() => Problem.BadRequest("query-too-short", "q");

    public static SaasProblemException QueryTooLong() => Problem.BadRequest("query-too-long", "q");

    public static SaasProblemException InvalidDateRange() => Problem.BadRequest("invalid-date-range", "to");

    public static SaasProblemException InvalidLimit() => Problem.BadRequest("invalid-limit", "limit");

    public static SaasProblemException FileNumberTaken(string fileNumber) => Problem.Conflict("file-number-taken", fileNumber);

    /// <summary>A departure recorded for a day that has not come yet.</summary>
    public static SaasProblemException DepartureInFuture() => Problem.BadRequest("departure-in-future", "departedAt");

    /// <summary>A cover sheet without a document type, or with a title too long, the field named.</summary>
    public static SaasProblemException InvalidCoverSheet(string field) => Problem.BadRequest("invalid-cover-sheet", field);

    public static SaasProblemException CoverSheetNotFound(Guid id) => Problem.NotFound("cover-sheet-not-found", id.ToString());

    /// <summary>The stored TIFF could not be turned into a preview; the tool's first error line is the detail.</summary>
    public static SaasProblemException TiffUnreadable(string? reason) => Problem.Unprocessable("tiff-unreadable", reason);

    /// <summary>The document's text is there already; extraction is not started again.</summary>
    public static SaasProblemException TextAlreadyExtracted(Guid documentId) => Problem.Conflict("text-already-extracted", documentId.ToString());

    // Inbox: split, undo of a filing or a discard (Features/Inbox/SplitInboxItem.cs, UndoInboxFiling.cs, UndoInboxDiscard.cs).

    /// <summary>Another caseworker changed the item since it was read (its row version): nothing of this action was saved.</summary>
    public static SaasProblemException InboxItemChanged() => Problem.Conflict("inbox-item-changed");

    /// <summary>An undo the item's status does not allow (an open or split item, a discard undone as a filing).</summary>
    public static SaasProblemException InboxItemNotUndoable(string status) =>
        Problem.Conflict("inbox-item-not-undoable", status, ("status", Features.Inbox.InboxItemStatus.Name(status)));

    /// <summary>The filed documents were worked on since (moved to another case, withdrawn or deleted): the filing is no longer undone by a click.</summary>
    public static SaasProblemException InboxFilingChanged() => Problem.Conflict("inbox-filing-changed");

    public static SaasProblemException InboxFilingUnderHold(Guid fileId) => Problem.Conflict("inbox-filing-under-hold", fileId.ToString());

    public static SaasProblemException InboxFilingCaseClosed(Guid caseId) => Problem.Conflict("inbox-filing-case-closed", caseId.ToString());

    /// <summary>Only a PDF is split at its pages (a mail's parts are its attachments, filed with it).</summary>
    public static SaasProblemException InboxSplitNotPdf() => Problem.Unprocessable("inbox-split-not-pdf");

    /// <summary>The stored PDF could not be cut into its pages (damaged, or a tool failed); the item is unchanged.</summary>
    public static SaasProblemException InboxSplitFailed(string reason) => Problem.Unprocessable("inbox-split-failed", reason);

    /// <summary>
    /// The page ranges are wrong; each message names the range and what is wrong with it, in the reader's language
    /// (the detail the API answers, one message per line; the page lists them under the field).
    /// </summary>
    public static SaasProblemException InvalidSplitRanges(IReadOnlyList<string> errors) =>
        new(StatusCodes.Status400BadRequest, "invalid-split-ranges", Problem.Title("invalid-split-ranges"), string.Join('\n', errors),
            new Dictionary<string, string[]> { ["ranges"] = [.. errors] });

    /// <summary>The file was handed over to another authority or deleted by a retention run: nothing more goes in.</summary>
    public static SaasProblemException FileReadOnly(Guid fileId) => Problem.Conflict("file-read-only", fileId.ToString());

    // Files and their person data (Features/CaseFiles: CreateCaseFile, ChangePersonData, MergeCaseFiles; issue 9).

    public static SaasProblemException CaseFileNotFound(Guid id) => Problem.NotFound("case-file-not-found", id.ToString());

    /// <summary>A person search needs at least two letters of the name.</summary>
    public static SaasProblemException NameTooShort() => Problem.BadRequest("name-too-short", "name");

    /// <summary>Required or plausible person fields missing, <paramref name="errors"/> by field in the reader's language.</summary>
    public static SaasProblemException InvalidCaseFile(IReadOnlyDictionary<string, string[]> errors) =>
        new(StatusCodes.Status400BadRequest, "invalid-case-file", Problem.Title("invalid-case-file"), string.Join(", ", errors.Keys), errors);

    public static SaasProblemException UnknownNationality(string value) => Problem.BadRequest("unknown-nationality", "nationalities", ("value", value));

    /// <summary>Someone else changed (or merged) the file since the caseworker's page was loaded.</summary>
    public static SaasProblemException FileChangedMeanwhile(Guid id) => Problem.Conflict("file-changed-meanwhile", id.ToString());

    public static SaasProblemException MergeIntoItself(Guid id) => Problem.BadRequest("file-merge-into-itself", id.ToString());

    /// <summary>Only active files are merged: a merged, handed-over or deleted one is refused, its status named.</summary>
    public static SaasProblemException FileNotMergeable(Guid id, string status) =>
        Problem.Conflict("file-not-mergeable", id.ToString(), ("status", Features.CaseFiles.CaseFileStatus.Name(status)));

    /// <summary>The two files' person data do not look like one person; the merge needs the caseworker's confirmation.</summary>
    public static SaasProblemException FilesOfDifferentPersons(Guid source, Guid target) => Problem.Conflict("files-of-different-persons", $"{source}, {target}");

    public static SaasProblemException CaseNotInFile(string parameter) => Problem.Unprocessable("unknown-case", parameter);

    public static SaasProblemException UnknownFileNumber(string number) => Problem.Unprocessable("unknown-file-number", number);

    /// <summary>
    /// An image (or TIFF page, or PDF page rendered for OCR) larger than <c>Cases:Images</c> allows, seen from its
    /// header before anything was stored: a decompression bomb, or a scan at an absurd resolution (Hardening item 2).
    /// </summary>
    public static SaasProblemException ImageTooLarge(string name, int page, long width, long height, long maxPixels, string detail) =>
        Problem.TooLarge("image-too-large", detail, ("name", name), ("page", page), ("width", width), ("height", height), ("maxMegapixels", maxPixels / 1_000_000));

    /// <summary>An image whose header does not say how large it is (damaged, truncated, or a form the header reader refuses).</summary>
    public static SaasProblemException ImageUnreadable(string name, string reason) => Problem.Unprocessable("image-unreadable", $"{name}: {reason}", ("name", name));

    /// <summary>A PDF with JavaScript (an /OpenAction, a name tree, a field action) is refused at upload (Hardening item 5).</summary>
    public static SaasProblemException PdfWithScript(string fileName) => Problem.Unprocessable("pdf-active-content", fileName);

    /// <summary>A person field too long or not in its format, named in the detail (Hardening item 6).</summary>
    public static SaasProblemException PersonFieldInvalid(string field, int maxLength) => Problem.BadRequest("person-field-invalid", field, ("field", field), ("max", maxLength));

    public static SaasProblemException InvalidInboxView(string parameter) => Problem.BadRequest("invalid-view", parameter);

    public static SaasProblemException CaseNotFound(Guid id) => Problem.NotFound("case-not-found", id.ToString());

    public static SaasProblemException CaseClosed(Guid id) => Problem.Conflict("case-closed", id.ToString());

    public static SaasProblemException InvalidCase(string field) => Problem.BadRequest("invalid-case", field);

    public static SaasProblemException OutcomeMissing() => Problem.BadRequest("outcome-missing", "outcome");

    public static SaasProblemException DocumentNotFound(Guid id) => Problem.NotFound("document-not-found", id.ToString());

    // Documents (Features/Documents): reading, correcting the details, moving to another file or case.

    /// <summary>Another caseworker changed or moved the document meanwhile (its row version): nothing of this change was saved.</summary>
    public static SaasProblemException DocumentChanged(Guid id) => Problem.Conflict("document-changed", id.ToString());

    public static SaasProblemException DocumentTitleMissing() => Problem.BadRequest("document-title-missing", "title");

    public static SaasProblemException DocumentTitleTooLong(int max) => Problem.BadRequest("document-title-too-long", "title", ("max", max));

    public static SaasProblemException DocumentTypeMissing() => Problem.BadRequest("document-type-missing", "documentType");

    /// <summary>A type outside the authority's catalogue, naming the known ones.</summary>
    public static SaasProblemException UnknownDocumentType(string type, string known, string field) =>
        Problem.Unprocessable("unknown-document-type", field, ("type", type), ("known", known));

    /// <summary>The document's file is on legal hold: its documents stay where they are until the hold is released.</summary>
    public static SaasProblemException DocumentOnLegalHold(Guid fileId) => Problem.Conflict("document-on-legal-hold", fileId.ToString());

    /// <summary>A move to the file and case the document is in already.</summary>
    public static SaasProblemException DocumentAlreadyThere() => Problem.Unprocessable("document-already-there", "fileId");

    public static SaasProblemException NoPreview(string contentType) => Problem.NotFound("no-preview", contentType);

    /// <summary>A change of a document that does not say which version it changes (body <c>version</c> or <c>If-Match</c>).</summary>
    public static SaasProblemException VersionMissing() => Problem.BadRequest("version-missing", "version");

    public static SaasProblemException MoveTargetMissing() => Problem.BadRequest("move-target-missing", "target");

    /// <summary>The file a document is to be moved into does not exist at this authority.</summary>
    public static SaasProblemException UnknownMoveTarget(Guid fileId) => Problem.Unprocessable("unknown-move-target", fileId.ToString());

    public static SaasProblemException CaseChangedMeanwhile() => Problem.Conflict("case-changed");
    // Retention (Features/Retention): legal holds and deletion runs; hand-over (Features/Transfer); blob checks (Features/Blobs).

    public static SaasProblemException ReasonMissing() => Problem.BadRequest("reason-missing", "reason");

    public static SaasProblemException ReasonTooLong(int max) => Problem.BadRequest("reason-too-long", "reason", ("max", max));

    public static SaasProblemException LegalHoldNotFound(Guid id) => Problem.NotFound("legal-hold-not-found", id.ToString());

    public static SaasProblemException LegalHoldReleased(Guid id) => Problem.Conflict("legal-hold-released", id.ToString());

    /// <summary>A day that is not a date (yyyy-MM-dd), named by its field.</summary>
    public static SaasProblemException InvalidDay(string field) => Problem.BadRequest("invalid-day", field);

    public static SaasProblemException NoRetentionRules() => Problem.Unprocessable("no-retention-rules");

    public static SaasProblemException DeletionRunNotFound(Guid id) => Problem.NotFound("deletion-run-not-found", id.ToString());

    public static SaasProblemException SecondPersonRequired(string actor) => Problem.Conflict("second-person-required", actor);

    /// <summary>A step the run's status does not allow; both statuses named in the reader's language.</summary>
    public static SaasProblemException DeletionRunState(Guid id, string status, string expected) =>
        Problem.Conflict("deletion-run-state", id.ToString(), ("status", Features.Retention.DeletionRunStatus.Name(status)),
            ("status2", Features.Retention.DeletionRunStatus.Name(expected)));

    public static SaasProblemException DeletionRunChanged(Guid id) => Problem.Conflict("deletion-run-changed", id.ToString());

    public static SaasProblemException TransferNotFound(Guid id) => Problem.NotFound("transfer-not-found", id.ToString());

    /// <summary>The receiver or the reason of a hand-over is missing or wrong; <paramref name="errors"/> by field, in the reader's language.</summary>
    public static SaasProblemException InvalidTransfer(IReadOnlyDictionary<string, string[]> errors) =>
        new(StatusCodes.Status400BadRequest, "invalid-transfer", Problem.Title("invalid-transfer"), string.Join(", ", errors.Keys), errors);

    public static SaasProblemException FileNotActive(Guid id) => Problem.Conflict("file-not-active", id.ToString());

    public static SaasProblemException FileChanged(Guid id) => Problem.Conflict("file-changed", id.ToString());

    public static SaasProblemException ReceiverUnknown(string key) => Problem.Unprocessable("receiver-unknown", $"No authority with the key '{key}'.");

    public static SaasProblemException ReceiverIsSender() => Problem.Unprocessable("receiver-is-sender");

    public static SaasProblemException ReceiverWithoutCases(string key) =>
        Problem.Unprocessable("receiver-without-cases", $"'{key}' has not enabled the cases module.");

    public static SaasProblemException WrongReceiver(string addressed, string self) =>
        Problem.Unprocessable("wrong-receiver", $"The package is addressed to '{addressed}'; this authority is '{self}'.");

    public static SaasProblemException SenderUnknown(string key) => Problem.Unprocessable("sender-unknown", $"Sender '{key}'.");

    public static SaasProblemException AlreadyImported(Guid messageId) => Problem.Conflict("already-imported", $"Message {messageId}.");

    public static SaasProblemException NotSentBySender(Guid messageId, string sha256, string sender, string receiver) =>
        Problem.Unprocessable("not-sent-by-sender", $"No hand-over of message {messageId} with package sha256 {sha256} from '{sender}' to '{receiver}'.");

    // xdomea 3.0.0 messages of the hand-over (Features/Transfer/Xdomea, docs/adr/0015).

    /// <summary>An xdomea message that is not well-formed or violates the xdomea 3.0.0 schema, with the place of the first violation.</summary>
    public static SaasProblemException XdomeaInvalid(string entry, int line, int position, string reason) =>
        Problem.BadRequest("xdomea-invalid", $"{entry}, line {line}, position {position}: {reason}", ("entry", entry), ("line", line), ("position", position));

    /// <summary>A schema-valid message this platform cannot take over as an e-Akte (e.g. no Akte, no person), naming what is missing.</summary>
    public static SaasProblemException XdomeaNotSupported(string what) => Problem.Unprocessable("xdomea-not-supported", what, ("what", what));

    /// <summary>A confirmation (0402/0403) that belongs to another hand-over than the one it was given for.</summary>
    public static SaasProblemException ConfirmationMismatch(string detail) => Problem.Unprocessable("confirmation-mismatch", detail);

    /// <summary>Confirmations between authorities of the platform travel by themselves; only an outside receiver's are recorded by hand.</summary>
    public static SaasProblemException ConfirmationNotExpected(Guid transferId) => Problem.Conflict("confirmation-not-expected", transferId.ToString());

    public static SaasProblemException ConfirmationNotFound(Guid transferId, string messageType) =>
        Problem.NotFound("confirmation-not-found", $"Transfer {transferId}, message {messageType}.");

    public static SaasProblemException ImportConflict(Guid messageId) => Problem.Conflict("import-conflict", $"Message {messageId}.");

    public static SaasProblemException PackageMissing() => Problem.BadRequest("package-missing", "file");

    public static SaasProblemException PackageFormExpected() => Problem.BadRequest("package-form-expected");

    /// <summary>A multipart body that cannot be read (cut off, a boundary missing); the parser's reason is the detail.</summary>
    public static SaasProblemException InvalidForm(string reason) => Problem.BadRequest("invalid-form", reason);

    /// <summary>The message names a document the package does not contain.</summary>
    public static SaasProblemException DocumentMissingFromPackage(string detail) => Problem.Unprocessable("document-missing", detail);

    /// <summary>The handed-over file's number and every numbered variant of it are taken in the receiving authority.</summary>
    public static SaasProblemException NoFreeFileNumber(string number) => Problem.Conflict("no-free-file-number", number);

    // Legacy digitisation (Features/LegacyDigitisation): boxes, the import of returned scans, the quality check.

    public static SaasProblemException BoxNotFound(Guid id) => Problem.NotFound("box-not-found", id.ToString());

    public static SaasProblemException BatchNotFound(Guid id) => Problem.NotFound("batch-not-found", id.ToString());

    /// <summary>A change the box's status does not allow; both statuses named in the reader's language.</summary>
    public static SaasProblemException WrongBoxStatus(string from, string to) =>
        Problem.Conflict("wrong-box-status", $"{from} → {to}", ("from", Features.LegacyDigitisation.BoxLifecycle.Name(from)),
            ("to", Features.LegacyDigitisation.BoxLifecycle.Name(to)));

    public static SaasProblemException BoxChanged() => Problem.Conflict("box-changed");

    public static SaasProblemException BatchChanged() => Problem.Conflict("batch-changed");

    public static SaasProblemException BatchDecided(string status) => Problem.Conflict("batch-decided", status);

    /// <summary>The box's label or files are missing or wrong; <paramref name="errors"/> by field, in the reader's language.</summary>
    public static SaasProblemException InvalidBox(IReadOnlyDictionary<string, string[]> errors) =>
        new(StatusCodes.Status400BadRequest, "invalid-box", Problem.Title("invalid-box"), string.Join(", ", errors.Keys), errors);

    /// <summary>A line of the packing list whose number of sheets is not a whole number.</summary>
    public static SaasProblemException InvalidSheets(string line) => Problem.BadRequest("invalid-sheets", line);

    public static SaasProblemException VendorMissing() => Problem.BadRequest("box-vendor-missing", "vendor");

    public static SaasProblemException DateInFuture(string field) => Problem.BadRequest("invalid-date", field);

    public static SaasProblemException UnknownBoxFiles(IEnumerable<string> files) => Problem.Unprocessable("unknown-box-files", string.Join(", ", files));

    public static SaasProblemException FileInOpenBox(string? files = null) => Problem.Conflict("file-in-open-box", files);

    public static SaasProblemException BoxLabelTaken(string label) => Problem.Conflict("box-label-taken", label);

    /// <summary>Files of the box were handed over or deleted: the import is refused naming them by their numbers.</summary>
    public static SaasProblemException BoxFilesReadOnly(IEnumerable<string> fileNumbers) => Problem.Conflict("box-files-read-only", string.Join(", ", fileNumbers));

    public static SaasProblemException ScanFormExpected() => Problem.BadRequest("scan-form-expected");

    public static SaasProblemException ArchiveMissing() => Problem.BadRequest("archive-missing", "archive");

    public static SaasProblemException InvalidScanProtocol(IReadOnlyDictionary<string, string[]> errors) =>
        new(StatusCodes.Status400BadRequest, "invalid-scan-protocol", Problem.Title("invalid-scan-protocol"),
            string.Join("; ", errors.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key}: {e.Value[0]}")), errors);

    public static SaasProblemException DocumentCountMismatch(int declared, int found) =>
        Problem.Unprocessable("document-count-mismatch", $"protocol {declared}, archive {found}", ("declared", declared), ("found", found));

    public static SaasProblemException NotInSample(IEnumerable<Guid> documents) => Problem.Unprocessable("not-in-sample", string.Join(", ", documents));

    public static SaasProblemException InvalidFindings(IReadOnlyDictionary<string, string[]> errors) =>
        new(StatusCodes.Status400BadRequest, "invalid-findings", Problem.Title("invalid-findings"),
            string.Join("; ", errors.Select(e => $"{e.Key}: {e.Value[0]}")), errors);

    public static SaasProblemException ArchiveTooManyEntries(int entries, int maxEntries) =>
        Problem.TooLarge("archive-too-many-entries", $"{entries} entries", ("maxEntries", maxEntries));

    public static SaasProblemException ArchiveTooLarge(string size, string detail) => Problem.TooLarge("archive-too-large", detail, ("value", size));

    /// <summary>A located fault of the archive (<paramref name="code"/>: unsafe-entry-name, duplicate-entry, entry-outside-folder, nested-folder, empty-entry, archive-corrupt, archive-unreadable, missing-folder); the detail names the entry.</summary>
    public static SaasProblemException ArchiveFault(string code, string entry) => Problem.Unprocessable(code, entry);

    public static SaasProblemException UnknownFolder(string folder) => Problem.Unprocessable("unknown-folder", folder + "/", ("value", folder));

    public static SaasProblemException UnsupportedScanType(string entry) =>
        new(StatusCodes.Status415UnsupportedMediaType, "unsupported-type", Problem.Title("unsupported-type"), entry);

    public static SaasProblemException ScanContentMismatch(string entry, string named, string? found) =>
        new(StatusCodes.Status415UnsupportedMediaType, "scan-content-mismatch", Problem.Title("scan-content-mismatch"), $"{entry}: named {named}, found {found ?? "unknown"}");

    // Residence titles and passports (Features/ResidenceDocuments, docs/adr/0022).

    /// <summary>
    /// A field of a title or passport is wrong (a title valid until before it is valid from, an unknown legal basis, a
    /// passport number of the wrong format, ...): the title names the field, the message says what is wrong, in the
    /// reader's language, and the API carries it by field.
    /// </summary>
    public static SaasProblemException ResidenceDocumentInvalid(string field, LocalizedText reason)
    {
        var message = TextCatalog.Shared.Format(reason);
        return new(StatusCodes.Status400BadRequest, "residence-document-invalid", Problem.Title("residence-document-invalid", ("field", field), ("reason", message)),
            $"{field}: {message}", new Dictionary<string, string[]> { [field] = [message] });
    }

    /// <summary>An expiry query whose end lies before its start or spans more than the limit.</summary>
    public static SaasProblemException InvalidExpiryRange(int maxDays) => Problem.BadRequest("invalid-expiry-range", "to", ("max", maxDays));
}
