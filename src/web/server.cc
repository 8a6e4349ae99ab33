#include "web/server.h"

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/URI.h>
#include <signal.h>

#include <iostream>
#include <istream>

namespace opkomst::web {
namespace {

using Poco::Net::HTTPResponse;

constexpr size_t kMaxUriBytes = 4096;

void SendPlain(Poco::Net::HTTPServerResponse& out, HTTPResponse::HTTPStatus status, const std::string& text) {
  out.setStatusAndReason(status);
  out.setContentType("text/plain; charset=utf-8");
  out.setContentLength(static_cast<std::streamsize>(text.size()));
  out.set("X-Content-Type-Options", "nosniff");
  out.sendBuffer(text.data(), text.size());
}

class Handler : public Poco::Net::HTTPRequestHandler {
 public:
  Handler(App& app, const ServerOptions& options) : app_(app), options_(options) {}

  void handleRequest(Poco::Net::HTTPServerRequest& in, Poco::Net::HTTPServerResponse& out) override {
    if (in.getURI().size() > kMaxUriBytes)
      return SendPlain(out, HTTPResponse::HTTP_REQUEST_URI_TOO_LONG, "Adres te lang / URI too long\n");
    if (in.hasContentLength() && in.getContentLength64() > static_cast<int64_t>(options_.max_body_bytes))
      return SendPlain(out, HTTPResponse::HTTP_REQUESTENTITYTOOLARGE, "Verzoek te groot / request too large\n");
    WebRequest request;
    request.method = in.getMethod();
    std::string raw_query;
    try {
      Poco::URI uri(in.getURI());
      request.path = uri.getPath();
      raw_query = uri.getRawQuery();
    } catch (const Poco::Exception&) {
      return SendPlain(out, HTTPResponse::HTTP_BAD_REQUEST, "Ongeldig adres / invalid URI\n");
    }
    if (!ParseUrlEncoded(raw_query, &request.query))
      return SendPlain(out, HTTPResponse::HTTP_BAD_REQUEST, "Ongeldige zoekparameters / invalid query string\n");
    request.cookies = ParseCookies(in.get("Cookie", ""));
    request.origin = in.get("Origin", "");
    request.remote_address = in.clientAddress().host().toString();
    if (request.method == "POST") {
      std::string body;
      body.reserve(static_cast<size_t>(std::max<int64_t>(0, in.getContentLength64())));
      char buffer[8192];
      std::istream& stream = in.stream();
      while (stream.read(buffer, sizeof buffer) || stream.gcount() > 0) {
        body.append(buffer, static_cast<size_t>(stream.gcount()));
        if (body.size() > options_.max_body_bytes)
          return SendPlain(out, HTTPResponse::HTTP_REQUESTENTITYTOOLARGE, "Verzoek te groot / request too large\n");
      }
      if (in.getContentType().rfind("application/x-www-form-urlencoded", 0) == 0 &&
          !ParseUrlEncoded(body, &request.form))
        return SendPlain(out, HTTPResponse::HTTP_BAD_REQUEST, "Ongeldig formulier / malformed form body\n");
    }
    WebResponse response = app_.Handle(request);
    out.setStatusAndReason(static_cast<HTTPResponse::HTTPStatus>(response.status));
    out.setContentType(response.content_type);
    for (const auto& [name, value] : response.headers) out.add(name, value);
    out.setContentLength(static_cast<std::streamsize>(response.body.size()));
    if (request.method == "HEAD") {
      out.send();
      return;
    }
    out.sendBuffer(response.body.data(), response.body.size());
  }

 private:
  App& app_;
  const ServerOptions& options_;
};

class Factory : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  Factory(App& app, const ServerOptions& options) : app_(app), options_(options) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest&) override {
    return new Handler(app_, options_);
  }

 private:
  App& app_;
  const ServerOptions& options_;
};

}  // namespace

Status Serve(App& app, const ServerOptions& options, const std::function<void(uint16_t port)>& on_ready) {
  // Block the stop signals in every thread; this one waits for them below.
  sigset_t stop;
  sigemptyset(&stop);
  sigaddset(&stop, SIGINT);
  sigaddset(&stop, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop, nullptr);
  try {
    // No SO_REUSEPORT (Poco's default with reuseAddress): a second server on
    // the same port must fail, not silently share the connections.
    Poco::Net::ServerSocket socket;
    socket.bind(Poco::Net::SocketAddress(options.host, options.port), true, false);
    socket.listen(128);
    auto* params = new Poco::Net::HTTPServerParams;
    params->setMaxThreads(options.threads);
    params->setMaxQueued(256);
    params->setKeepAlive(true);
    params->setMaxKeepAliveRequests(10000);
    params->setKeepAliveTimeout(Poco::Timespan(15, 0));
    params->setTimeout(Poco::Timespan(30, 0));
    Poco::Net::HTTPServer server(new Factory(app, options), socket, params);
    server.start();
    on_ready(socket.address().port());
    int signal = 0;
    sigwait(&stop, &signal);
    std::cerr << "opkomst serve: stopping (signal " << signal << ")\n";
    server.stopAll(false);
  } catch (const Poco::Exception& e) {
    return Unavailable("cannot serve on " + options.host + ":" + std::to_string(options.port) + ": " + e.displayText());
  }
  return Status::Ok();
}

}  // namespace opkomst::web
