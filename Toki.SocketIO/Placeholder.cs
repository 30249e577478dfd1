namespace Toki.SocketIO; internal static class Placeholder {}
