// The reminder channels that reach outside (app/reminders.h): e-mail over
// SMTP and SMS through an HTTP gateway, both with Poco::Net. A refused or
// unreachable far side is a kUnavailable value, retried by the delivery.
#include <Poco/Exception.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/MailMessage.h>
#include <Poco/Net/MailRecipient.h>
#include <Poco/Net/SMTPClientSession.h>
#include <Poco/StreamCopier.h>
#include <Poco/Timespan.h>
#include <Poco/URI.h>

#include <sstream>

#include "app/reminders.h"

namespace opkomst::app {
namespace {

// A header value with a line break would let a stored contact add headers
// (or recipients) of its own.
bool HasControl(const std::string& text) {
  for (char c : text)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return true;
  return false;
}

}  // namespace

std::string FormEncode(const std::string& text) {
  std::string out;
  Poco::URI::encode(text, "!#$&'()*+,/:;=?@[]\"<>%{}|\\^`", out);
  return out;
}

namespace {

class SmtpChannel : public Channel {
 public:
  explicit SmtpChannel(SmtpSettings settings) : settings_(std::move(settings)) {}

  Status Send(const OutgoingMessage& message) override {
    if (HasControl(message.to) || HasControl(message.subject))
      return InvalidInput("e-mailadres of onderwerp bevat een stuurteken");
    try {
      Poco::Net::SMTPClientSession session(settings_.host, static_cast<Poco::UInt16>(settings_.port));
      session.setTimeout(Poco::Timespan(settings_.timeout_seconds, 0));
      session.login();
      Poco::Net::MailMessage mail;
      mail.setSender(settings_.from);
      mail.addRecipient(Poco::Net::MailRecipient(Poco::Net::MailRecipient::PRIMARY_RECIPIENT, message.to));
      mail.setSubject(Poco::Net::MailMessage::encodeWord(message.subject, "UTF-8"));
      mail.setContentType("text/plain; charset=UTF-8");
      mail.setContent(message.text, Poco::Net::MailMessage::ENCODING_QUOTED_PRINTABLE);
      session.sendMessage(mail);
      session.close();
      return Status::Ok();
    } catch (const Poco::Exception& e) {
      return Unavailable("SMTP " + settings_.host + ":" + std::to_string(settings_.port) + ": " + e.displayText());
    }
  }

 private:
  SmtpSettings settings_;
};

class SmsGatewayChannel : public Channel {
 public:
  explicit SmsGatewayChannel(SmsGatewaySettings settings) : settings_(std::move(settings)) {}

  Status Send(const OutgoingMessage& message) override {
    try {
      Poco::URI uri(settings_.url);
      if (uri.getScheme() != "http") return InvalidInput("sms-gateway '" + settings_.url + "': verwacht http://");
      Poco::Net::HTTPClientSession session(uri.getHost(), uri.getPort());
      session.setTimeout(Poco::Timespan(settings_.timeout_seconds, 0));
      Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_POST, uri.getPathAndQuery(),
                                     Poco::Net::HTTPMessage::HTTP_1_1);
      std::string body = "to=" + FormEncode(message.to) + "&text=" + FormEncode(message.text);
      request.setContentType("application/x-www-form-urlencoded");
      request.setContentLength(static_cast<std::streamsize>(body.size()));
      if (!settings_.token.empty()) request.set("Authorization", "Bearer " + settings_.token);
      session.sendRequest(request) << body;
      Poco::Net::HTTPResponse response;
      std::istream& answer = session.receiveResponse(response);
      std::ostringstream ignored;
      Poco::StreamCopier::copyStream(answer, ignored, 4096);
      int status = static_cast<int>(response.getStatus());
      if (status < 200 || status > 299)
        return Unavailable("sms-gateway antwoordde " + std::to_string(status) + " " + response.getReason());
      return Status::Ok();
    } catch (const Poco::Exception& e) {
      return Unavailable("sms-gateway " + settings_.url + ": " + e.displayText());
    }
  }

 private:
  SmsGatewaySettings settings_;
};

}  // namespace

std::unique_ptr<Channel> NewSmtpChannel(const SmtpSettings& settings) {
  return std::make_unique<SmtpChannel>(settings);
}

std::unique_ptr<Channel> NewSmsGatewayChannel(const SmsGatewaySettings& settings) {
  return std::make_unique<SmsGatewayChannel>(settings);
}

}  // namespace opkomst::app
