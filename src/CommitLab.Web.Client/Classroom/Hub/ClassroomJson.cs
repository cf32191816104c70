using System.Text.Json;
using System.Text.Json.Serialization;

namespace CommitLab.Web.Classroom.Hub;

/// <summary>
/// The classroom hub's messages for System.Text.Json's source generator, as the server writes them
/// (camelCase). The browser build is trimmed on publish, and reflection-based serialization could
/// lose members the trimmer did not see used.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(RoomUpdate))]
[JsonSerializable(typeof(JoinReply))]
[JsonSerializable(typeof(PollView))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(long))]
public sealed partial class ClassroomJson : JsonSerializerContext;
