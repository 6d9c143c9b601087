// Router: maps a method and a path pattern ("/api/admin/customers/{id}") to a handler. Built once
// at start-up in the composition root, then read-only: safe to share between threads.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "http/message.hpp"

namespace clientele::http {

using Handler = std::function<Response(Request&)>;

class Router {
 public:
  struct Route {
    std::string method;
    std::string pattern;  // as registered, with {name} segments
    Handler handler;
  };

  // REQUIRES: pattern starts with '/', segments are literals or {name}.
  void Add(std::string method, std::string pattern, Handler handler);

  // Finds the route for the request, fills path_params and calls it. Answers 404 (no pattern
  // matches) or 405 with Allow (pattern matches, method does not) as problem details.
  Response Dispatch(Request& request) const;

  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

}  // namespace clientele::http
