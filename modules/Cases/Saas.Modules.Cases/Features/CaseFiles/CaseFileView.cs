using Saas.Modules.Cases.Contracts;

namespace Saas.Modules.Cases.Features.CaseFiles;

/// <summary>A file as the API answers it; <see cref="MergedIntoId"/> says where a merged file's documents went.</summary>
internal sealed record CaseFileView(Guid Id, string FileNumber, string Surname, string GivenNames, DateOnly? BirthDate, IReadOnlyList<string> Nationalities,
    IReadOnlyList<string> NameVariants, string? CentralRegisterNumber, string Status, Guid? MergedIntoId, uint Version)
{
    public static CaseFileView Of(CaseFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return new(file.Id, file.FileNumber, file.Surname, file.GivenNames, file.BirthDate, file.Nationalities, file.NameVariants, file.CentralRegisterNumber,
            file.Status, file.MergedIntoId, file.Version);
    }

    public static CaseFileSummary Summary(CaseFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return new(file.Id, file.FileNumber, file.Surname, file.GivenNames, file.BirthDate, file.Nationalities);
    }
}

/// <summary>A document of a file as the file's read lists it.</summary>
internal sealed record CaseFileDocumentView(Guid Id, string DocumentType, string Title, string Source, string ContentType, long Length, DateTimeOffset CreatedAt,
    bool PaperOriginal, Guid? CaseId)
{
    public static CaseFileDocumentView Of(CaseDocument d)
    {
        ArgumentNullException.ThrowIfNull(d);
        return new(d.Id, d.DocumentType, d.Title, d.Source, d.ContentType, d.Length, d.CreatedAt, d.PaperOriginal, d.CaseId);
    }
}
