using System.Text;

namespace ActorBroker.Protocol.Serialization.Wire;

/// <summary>
/// Which exception types a message from the network may name. Akka.Remote rebuilds an exception (in
/// <c>Status.Failure</c>, and in the system messages <c>Failed</c>, <c>Create</c>, <c>Recreate</c>, <c>Resume</c>) by
/// loading the type its <c>ExceptionData</c> names and running that type's serialization constructor, public or not,
/// before it checks that the result is an exception. Read ahead of Akka, from the protobuf bytes, each named type
/// (the cause and its inner exceptions) must be an <see cref="Exception"/> in an assembly this process has loaded
/// already, so a peer can neither load an assembly nor run another type's constructor.
/// </summary>
internal static class WireExceptionTypes
{
    // ExceptionData { string typeName = 1; ExceptionData innerException = 5; string typeForwardedFrom = 7; ... }
    private const int TypeNameField = 1;
    private const int InnerExceptionField = 5;
    private const int TypeForwardedFromField = 7;

    /// <summary>Why <paramref name="message"/> is refused, or null: its field <paramref name="exceptionField"/> is an ExceptionData.</summary>
    public static string? Refusal(ReadOnlySpan<byte> message, int exceptionField)
    {
        var reader = new ProtobufFields(message);
        while (reader.Next(out var field, out var value))
        {
            if (field == exceptionField && CheckExceptionData(value, 0) is { } refusal) return refusal;
        }

        return reader.Malformed ? "its protobuf is malformed" : null;
    }

    private static string? CheckExceptionData(ReadOnlySpan<byte> data, int depth)
    {
        // Protobuf itself stops at 100 levels; no legitimate exception chain comes near this.
        if (depth > NestingGuardSerializer.MaxDepth) return $"its exception nests more than {NestingGuardSerializer.MaxDepth} inner exceptions";
        string? typeName = null, forwardedFrom = null;
        var reader = new ProtobufFields(data);
        while (reader.Next(out var field, out var value))
        {
            switch (field)
            {
                case TypeNameField: typeName = Encoding.UTF8.GetString(value); break;
                case TypeForwardedFromField: forwardedFrom = Encoding.UTF8.GetString(value); break;
                case InnerExceptionField when CheckExceptionData(value, depth + 1) is { } refusal: return refusal;
            }
        }

        if (reader.Malformed) return "its exception's protobuf is malformed";
        if (string.IsNullOrEmpty(typeName)) return null; // Akka reads no exception from an empty type name
        if (CheckTypeName(typeName) is { } nameRefusal) return nameRefusal;
        // Akka retries a name that fails to load with the assembly it says the type was forwarded from.
        var comma = typeName.IndexOf(',', StringComparison.Ordinal);
        return string.IsNullOrEmpty(forwardedFrom) || comma < 0 ? null : CheckTypeName($"{typeName[..comma]}, {forwardedFrom}");
    }

    private static string? CheckTypeName(string typeName)
    {
        // Generic arguments would name further assemblies; no exception Akka or the project sends is generic.
        if (typeName.Contains('[', StringComparison.Ordinal)) return $"it names the generic exception type [{WireText.Excerpt(typeName)}]";
        var comma = typeName.IndexOf(',', StringComparison.Ordinal);
        if (comma >= 0)
        {
            var assembly = typeName[(comma + 1)..].Split(',')[0].Trim();
            // Akka writes the core library as mscorlib (its name on .NET Framework), which .NET maps to the loaded core library.
            if (assembly != "mscorlib" && !AppDomain.CurrentDomain.GetAssemblies().Any(a => a.GetName().Name == assembly))
                return $"it names an exception type in an assembly this process has not loaded [{WireText.Excerpt(typeName)}]";
        }

        var type = Type.GetType(typeName, throwOnError: false);
        return type is not null && typeof(Exception).IsAssignableFrom(type)
            ? null
            : $"it names [{WireText.Excerpt(typeName)}] as an exception, which is not one";
    }
}
