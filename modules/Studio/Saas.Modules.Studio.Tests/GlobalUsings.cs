global using System.Text.Json.Nodes;
global using Saas.Modules.Studio.Features.Editors;
