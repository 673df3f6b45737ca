using Saas.Modules.Organization.Contracts;
using Saas.Platform.Modules;

namespace Saas.Modules.Organization.Features.Staff;

/// <summary>Staff as configuration (docs/adr/0022): the directory other modules read, and the check across documents.</summary>
internal static class StaffFeature
{
    public static void AddServices(IServiceCollection services)
    {
        services.AddScoped<IStaffDirectory, StaffDirectory>();
        services.AddSingleton<IConfigurationSetCheck, StaffReferences>();
    }
}
