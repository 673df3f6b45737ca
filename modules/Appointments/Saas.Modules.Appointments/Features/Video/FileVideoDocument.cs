using Saas.Modules.Cases.Contracts;

namespace Saas.Modules.Appointments.Features.Video;

/// <summary>A document filed from a call: its id in the e-Akte and the name it was filed under.</summary>
internal sealed record FiledVideoDocument(Guid DocumentId, string FileName);

/// <summary>
/// The applicant shows a document during the call by uploading it (docs/adr/0039): while the room is open it is filed
/// into the person's file (<see cref="VideoRooms.CaseFileOfAsync"/>) as the type's document type, through the e-Akte's
/// upload use case (which checks the content, audits and indexes it). Without one matching file it is refused and
/// nothing is stored; the caseworker then asks for it another way.
/// </summary>
internal sealed class FileVideoDocument(VideoRooms rooms, ICaseDocuments documents)
{
    /// <summary>The largest upload: a scan or a photo of a document, not a stack of them.</summary>
    public const long MaxBytes = 10 * 1024 * 1024;

    public async Task<FiledVideoDocument> ExecuteAsync(VideoRoom room, string fileName, string contentType, byte[] bytes, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(room);
        ArgumentNullException.ThrowIfNull(bytes);
        rooms.EnsureOpen(room);
        if (bytes.Length == 0)
        {
            throw AppointmentsProblems.VideoUploadEmpty();
        }

        var file = await rooms.CaseFileOfAsync(room.Booking, ct) ?? throw AppointmentsProblems.VideoNoCaseFile();
        var name = Path.GetFileName(fileName ?? "").Trim();
        name = name.Length is > 0 and <= 200 ? name : "videosprechstunde";
        var id = await documents.AddGeneratedAsync(file, null, room.Type.Video!.DocumentType, name, contentType ?? "", bytes, ct);
        return new FiledVideoDocument(id, name);
    }
}
