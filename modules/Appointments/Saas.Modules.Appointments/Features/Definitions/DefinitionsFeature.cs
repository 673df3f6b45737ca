using Saas.Platform.Modules;

namespace Saas.Modules.Appointments.Features.Definitions;

/// <summary>The appointment-type kind's check across an authority's folder (locations, services, overlapping types).</summary>
internal static class DefinitionsFeature
{
    public static void AddServices(IServiceCollection services) => services.AddSingleton<IConfigurationSetCheck, AppointmentTypeReferences>();
}
