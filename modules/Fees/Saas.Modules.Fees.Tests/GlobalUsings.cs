global using System.Net;
global using System.Text.Json;
global using Microsoft.Extensions.DependencyInjection;
global using Saas.Modules.Fees.Contracts;
global using Saas.Platform.Metadata;
global using Saas.Platform.Tenancy;
global using Saas.Testing;
