using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Saas.Modules.Cases;

/// <summary>
/// What may change about a filed document (its content never does): its title and type, and the file and case
/// it is filed in. Only these methods change them; the use cases in Features/Documents call them.
/// </summary>
internal sealed partial class CaseDocument
{
    /// <summary>The longest title a caseworker may give a document.</summary>
    public const int MaxTitle = 200;

    public void ChangeDetails(string title, string documentType)
    {
        Title = title;
        DocumentType = documentType;
    }

    /// <summary>Into another file (and one of its cases, or none), or into another case of the same file.</summary>
    public void MoveTo(Guid caseFileId, Guid? caseId)
    {
        CaseFileId = caseFileId;
        CaseId = caseId;
    }
}

internal sealed class CaseDocumentConfiguration : IEntityTypeConfiguration<CaseDocument>
{
    public void Configure(EntityTypeBuilder<CaseDocument> builder) => builder.Property(d => d.Version).IsRowVersion();
}
