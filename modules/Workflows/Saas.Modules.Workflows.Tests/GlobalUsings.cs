// Namespaces most files of this project use; a file names only what is particular to it.
global using System.Net;
global using System.Net.Http.Headers;
global using System.Net.Http.Json;
global using System.Text.Json;
global using Microsoft.Extensions.DependencyInjection;
global using Npgsql;
global using Saas.Platform.Metadata;
global using Saas.Platform.Tenancy;
global using Saas.Testing;
