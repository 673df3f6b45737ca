// Namespaces most files of this project use; a file names only what is particular to it.
global using System.Text.Json.Nodes;
global using Microsoft.AspNetCore.Routing;
global using Microsoft.Extensions.DependencyInjection;
global using Saas.Platform.Metadata;
global using Saas.Platform.Texts;
global using Microsoft.AspNetCore.Builder;
global using Microsoft.AspNetCore.Http;
global using Microsoft.AspNetCore.Http.HttpResults;
