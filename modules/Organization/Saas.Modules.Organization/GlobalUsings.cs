// Namespaces most files of this project use; a file names only what is particular to it.
global using Microsoft.AspNetCore.Routing;
global using Saas.Platform.Errors;
global using Saas.Platform.Metadata;
global using System.Text.Json.Nodes;
global using Saas.Platform.Texts;
