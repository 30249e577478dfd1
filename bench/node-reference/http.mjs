import http from "node:http";

// The HTTP side of the references: /healthz and the admin endpoint that creates users, as Toki's do.
// createUser(record) stores a new user and answers (or resolves to) false when the id is taken.
export function createHttpServer(createUser, adminKey) {
  return http.createServer((req, res) => {
    if (req.method === "GET" && req.url === "/healthz") {
      return json(res, 200, { status: "ok" });
    }
    if (req.method === "POST" && req.url === "/api/admin/users") {
      if (!adminKey || req.headers["x-admin-key"] !== adminKey) {
        return json(res, 401, { error: { code: "unauthorized", message: "Admin key required." } });
      }
      let body = "";
      req.on("data", (chunk) => (body += chunk));
      req.on("end", async () => {
        let user;
        try {
          user = JSON.parse(body);
        } catch {
          return json(res, 400, { error: { code: "bad_request", message: "Invalid JSON." } });
        }
        if (!user || typeof user.id !== "string" || typeof user.name !== "string" || !Number.isInteger(user.coins) || user.coins < 0) {
          return json(res, 400, { error: { code: "bad_request", message: "Expected { id, name, coins }." } });
        }
        const record = { id: user.id, name: user.name, coins: user.coins, heldCoins: 0, earnings: 0, isOnCall: false, currentCallId: null };
        let created;
        try {
          created = await createUser(record);
        } catch (error) {
          console.error("creating a user failed:", error.message);
          return json(res, 503, { error: { code: "unavailable", message: "The user store did not answer." } });
        }
        if (!created) {
          return json(res, 409, { error: { code: "user_exists", message: "A user with that id already exists." } });
        }
        return json(res, 201, { userId: record.id, name: record.name, coins: record.coins, heldCoins: 0, earnings: 0, isOnCall: false, currentCallId: null });
      });
      return;
    }
    // Let socket.io answer its own path; everything else is unknown.
    if (!req.url.startsWith("/socket.io/")) {
      json(res, 404, { error: { code: "not_found", message: "Not found." } });
    }
  });
}

function json(res, status, body) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}
