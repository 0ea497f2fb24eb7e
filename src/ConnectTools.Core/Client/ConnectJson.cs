using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace ConnectTools.Client
{
    /// <summary>
    /// JSON settings for the request bodies that have one (SearchUsers): PascalCase members, nulls left out. Response bodies
    /// are read by <see cref="WireReader"/>, not by the serializer.
    /// </summary>
    internal static class ConnectJson
    {
        internal static readonly JsonSerializerOptions Options = Create();

        private static JsonSerializerOptions Create()
        {
            var o = new JsonSerializerOptions
            {
                PropertyNamingPolicy = null,
                PropertyNameCaseInsensitive = false,
                DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
                NumberHandling = JsonNumberHandling.Strict,
                // Metadata generated at compile time for the request bodies: no reflection and no emitted accessors at the
                // first call of a session (and less work per call); anything else falls back to reflection.
                TypeInfoResolver = JsonTypeInfoResolver.Combine(ConnectJsonContext.Default, new DefaultJsonTypeInfoResolver()),
            };
            o.MakeReadOnly();
            return o;
        }
    }

    /// <summary>The request bodies, for the System.Text.Json source generator (the options come from <see cref="ConnectJson.Options"/>).</summary>
    [JsonSerializable(typeof(SearchUsersBody))]
    internal sealed partial class ConnectJsonContext : JsonSerializerContext
    {
    }
}
