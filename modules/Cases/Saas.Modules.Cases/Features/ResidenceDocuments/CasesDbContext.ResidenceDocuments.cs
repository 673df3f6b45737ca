using Saas.Modules.Cases.Features.ResidenceDocuments;

namespace Saas.Modules.Cases;

/// <summary>The residence titles' and passports' part of the module's context (docs/adr/0012).</summary>
internal sealed partial class CasesDbContext
{
    public DbSet<ResidenceTitle> ResidenceTitles => Set<ResidenceTitle>();

    public DbSet<Passport> Passports => Set<Passport>();
}
