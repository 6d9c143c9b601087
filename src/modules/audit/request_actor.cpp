#include "modules/audit/request_actor.hpp"

namespace clientele::audit {

Actor RequestActor(const http::Request& request) {
  Actor actor;
  actor.type = "anonymous";
  actor.ip = request.remote_ip;
  actor.user_agent = request.headers.Get("user-agent").value_or("");
  actor.request_id = request.request_id;
  return actor;
}

}  // namespace clientele::audit
