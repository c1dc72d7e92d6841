// The admin's form parsing: urlencoded fields, multipart uploads with binary files (GMime),
// and cookies.
#include <gtest/gtest.h>

#include <string>

#include "web/admin/forms.h"

namespace samizdat::web::admin {
namespace {

TEST(FormTest, ReadsUrlencodedFieldsInOrderWithRepeats) {
  auto form = Form::FromUrlencoded("title=Hello+world&id=1&id=2&body=a%26b%3Dc&empty=");
  ASSERT_TRUE(form.ok()) << form.status().ToString();
  EXPECT_EQ(form->Get("title"), "Hello world");
  EXPECT_EQ(form->Get("body"), "a&b=c");
  EXPECT_EQ(form->GetAll("id"), (std::vector<std::string>{"1", "2"}));
  EXPECT_TRUE(form->Has("empty"));
  EXPECT_FALSE(form->Has("absent"));
  EXPECT_EQ(form->Get("absent"), "");
}

TEST(FormTest, RefusesAMalformedUrlencodedBody) {
  EXPECT_TRUE(Form::FromUrlencoded("a=%zz").status().IsInvalidArgument());
}

std::string Multipart(const std::string& boundary, const std::string& file_bytes) {
  return "--" + boundary +
         "\r\n"
         "Content-Disposition: form-data; name=\"csrf\"\r\n\r\n"
         "token123\r\n"
         "--" +
         boundary +
         "\r\n"
         "Content-Disposition: form-data; name=\"file\"; filename=\"C:\\\\photos\\\\cat.png\"\r\n"
         "Content-Type: image/png\r\n\r\n" +
         file_bytes +
         "\r\n"
         "--" +
         boundary +
         "\r\n"
         "Content-Disposition: form-data; name=\"other\"; filename=\"\"\r\n"
         "Content-Type: application/octet-stream\r\n\r\n"
         "\r\n"
         "--" +
         boundary + "--\r\n";
}

TEST(FormTest, ReadsAMultipartUploadWithBinaryBytes) {
  std::string bytes("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\xff\xfe--not-a-boundary\r\n", 31);
  const std::string boundary = "----WebKitFormBoundaryX3f9";
  auto form =
      Form::FromBody("multipart/form-data; boundary=" + boundary, Multipart(boundary, bytes));
  ASSERT_TRUE(form.ok()) << form.status().ToString();
  EXPECT_EQ(form->Get("csrf"), "token123");
  const UploadedFile* file = form->File("file");
  ASSERT_NE(file, nullptr);
  EXPECT_EQ(file->filename, "cat.png");  // no directories
  EXPECT_EQ(file->content_type, "image/png");
  EXPECT_EQ(file->bytes, bytes);
  EXPECT_EQ(form->File("other"), nullptr);  // a file input left empty
}

TEST(FormTest, RefusesBodiesThatAreNotForms) {
  EXPECT_TRUE(Form::FromBody("application/json", "{}").status().IsInvalidArgument());
  EXPECT_TRUE(Form::FromBody("multipart/form-data; boundary=zz", "no parts at all")
                  .status()
                  .IsInvalidArgument());
  auto empty = Form::FromBody("", "");
  ASSERT_TRUE(empty.ok());
  EXPECT_FALSE(empty->Has("csrf"));
}

TEST(PageNumberTest, IsOneUnlessAReasonablePageIsAsked) {
  auto page = [](std::string_view query) { return PageNumber(*Form::FromUrlencoded(query)); };
  EXPECT_EQ(page(""), 1);
  EXPECT_EQ(page("page=3"), 3);
  EXPECT_EQ(page("page=0"), 1);
  EXPECT_EQ(page("page=-2"), 1);
  EXPECT_EQ(page("page=x"), 1);
  EXPECT_EQ(page("page=99999999999999999999"), 1);  // not an int at all
  EXPECT_EQ(page("page=2147483647"), 100'000);      // page × size would overflow
}

TEST(CookieValueTest, FindsTheNamedCookie) {
  EXPECT_EQ(CookieValue("a=1; samizdat_session=abc; b=2", "samizdat_session"), "abc");
  EXPECT_EQ(CookieValue("samizdat_session_x=1;samizdat_session=z", "samizdat_session"), "z");
  EXPECT_EQ(CookieValue("a=1", "samizdat_session"), std::nullopt);
  EXPECT_EQ(CookieValue("", "a"), std::nullopt);
}

}  // namespace
}  // namespace samizdat::web::admin
