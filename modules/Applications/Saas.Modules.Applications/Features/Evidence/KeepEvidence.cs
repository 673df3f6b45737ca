using Microsoft.Extensions.Options;
using Saas.Modules.Applications.Features.Definitions;
using Saas.Modules.Applications.Features.Portal;
using Saas.Platform.Storage;

namespace Saas.Modules.Applications.Features.Evidence;

/// <summary>A file for <paramref name="FieldPath"/> (indices allowed: <c>kinder[1].urkunde</c>) of a form, for a draft or (null) for the API.</summary>
internal sealed record KeepEvidenceRequest(PortalForm Form, string FieldPath, Guid? DraftId, string FileName, long Length, Func<Stream> Open);

/// <summary>Why a file was not taken: a 422 problem whose title (<c>problem.{code}</c>) the portal also shows at the field.</summary>
internal sealed class EvidenceRefusedException(string code, params (string Name, object? Value)[] args)
    : SaasProblemException(StatusCodes.Status422UnprocessableEntity, code, Problem.Title(code, args), "file");

/// <summary>
/// Takes a file for a form's file field (docs/adr/0042): the name kept as a plain file name of at most 255 characters;
/// empty files and files above the field's <c>maxBytes</c> (and never above <c>Applications:MaxEvidenceBytes</c>) refused;
/// the type recognised from the content's first bytes (PDF, PNG, JPEG, TIFF — what the e-Akte files) and refused when
/// the field does not accept it, whatever the declared type or the name say; then the e-Akte's own checks of an upload
/// (<c>ICaseDocuments.CheckAsync</c>: a PDF that opens, no script, page and image sizes), so that nothing is taken
/// that filing would refuse later; the bytes written to the authority's blob store and verified there before the row
/// that names them is committed. Nothing else of the draft changes.
/// </summary>
internal sealed partial class KeepEvidence(ApplicationsDbContext db, IBlobStore blobs, Cases.Contracts.ICaseDocuments documents, TimeProvider clock,
    IOptions<ApplicationsOptions> options)
{
    public const int MaxNameLength = 255;

    public async Task<EvidenceRecord> ExecuteAsync(KeepEvidenceRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var fieldPath = FieldPathOf(request.FieldPath);
        var field = request.Form.Definition.Fields.FirstOrDefault(f => f.FullPath == fieldPath && f.Type == FormFieldType.File)
            ?? throw new EvidenceRefusedException("application-evidence-field-unknown", ("field", Shorten(request.FieldPath)));
        return await KeepAsync(request.Form.Key, fieldPath, request.DraftId, null, request.FileName, request.Length, request.Open,
            Math.Min(field.MaxBytes ?? options.Value.MaxEvidenceBytes, options.Value.MaxEvidenceBytes), field.Accept, ct);
    }

    /// <summary>
    /// A file attached to a message of the mailbox (docs/adr/0044): the same checks as evidence, any type the e-Akte files,
    /// up to <c>Applications:MaxEvidenceBytes</c>, kept for the submission (field path <see cref="MessageFieldPath"/>).
    /// </summary>
    public Task<EvidenceRecord> ForMessageAsync(string formKey, Guid submissionId, string fileName, long length, Func<Stream> open, CancellationToken ct) =>
        KeepAsync(formKey, MessageFieldPath, null, submissionId, fileName, length, open, options.Value.MaxEvidenceBytes, [], ct);

    /// <summary>The field path of a message's attachment: no form field has it (a form's paths start with a letter).</summary>
    public const string MessageFieldPath = "$message";

    private async Task<EvidenceRecord> KeepAsync(string formKey, string fieldPath, Guid? draftId, Guid? submissionId, string? fileName, long length,
        Func<Stream> open, long max, IReadOnlyList<string> accept, CancellationToken ct)
    {
        // Some browsers send the whole path of the file (C:\Users\…\vertrag.pdf): only its last part is the name.
        var name = (fileName ?? "")[((fileName ?? "").LastIndexOfAny(['/', '\\']) + 1)..].Trim();
        if (name.Length is 0 or > MaxNameLength || name.Any(char.IsControl))
        {
            throw new EvidenceRefusedException("application-evidence-name", ("max", MaxNameLength));
        }

        if (length <= 0 || length > max)
        {
            throw new EvidenceRefusedException("application-evidence-size", ("max", max / 1024 / 1024.0m));
        }

        byte[] bytes;
        await using (var content = open())
        {
            using var copy = new MemoryStream((int)length);
            await content.CopyToAsync(copy, ct);
            bytes = copy.ToArray();
        }

        var type = ContentSniffer.Detect(bytes);
        if (type is null)
        {
            throw new EvidenceRefusedException("application-evidence-content", ("accepted", Accepted(accept)));
        }

        if (accept.Count > 0 && !accept.Contains(type, StringComparer.OrdinalIgnoreCase))
        {
            throw new EvidenceRefusedException("application-evidence-type", ("type", type), ("accepted", Accepted(accept)));
        }

        // What the e-Akte will refuse when the application is filed is refused now, while the applicant is here.
        await documents.CheckAsync(name, type, bytes, ct);
        StoredBlob stored;
        using (var content = new MemoryStream(bytes, writable: false))
        {
            stored = await blobs.PutAsync(content, ct);
        }

        var evidence = new EvidenceRecord
        {
            FormKey = formKey,
            FieldPath = fieldPath,
            DraftId = draftId,
            SubmissionId = submissionId,
            Name = name,
            ContentType = type,
            Bytes = stored.Length,
            Sha256 = stored.Sha256,
            UploadedAt = clock.GetUtcNow(),
        };
        db.Evidence.Add(evidence);
        await db.SaveChangesAsync(ct);
        return evidence;
    }

    /// <summary>A value's path without its entries' indices: <c>kinder[1].urkunde</c> → <c>kinder.urkunde</c>.</summary>
    public static string FieldPathOf(string path) => Indices().Replace(path ?? "", "");

    private static string Accepted(IReadOnlyList<string> accept) => accept.Count > 0 ? string.Join(", ", accept) : "application/pdf, image/jpeg, image/png, image/tiff";

    private static string Shorten(string? text) => text is null ? "" : text.Length <= 100 ? text : text[..100] + "…";

    [System.Text.RegularExpressions.GeneratedRegex(@"\[\d{1,4}\]")]
    private static partial System.Text.RegularExpressions.Regex Indices();
}
