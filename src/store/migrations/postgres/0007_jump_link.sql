-- 0007_jump_link: the link list pages show after the part of a post before its jump
-- break; Blogger's default text.
ALTER TABLE blogs ADD COLUMN jump_link_text TEXT NOT NULL DEFAULT 'Read more »';
