namespace Saas.Modules.Cases;

/// <summary>The text of documents: its pages and the state of its extraction (docs/adr/0012).</summary>
internal sealed partial class CasesDbContext
{
    public DbSet<DocumentPage> Pages => Set<DocumentPage>();

    public DbSet<TextExtraction> TextExtractions => Set<TextExtraction>();
}
