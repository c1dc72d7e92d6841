// The admin's helpers. Every page works without this script; it only adds comfort.
'use strict';

// The session's CSRF token, from any form of the page, for the scripts' own requests.
function samizdatCsrf() {
  const field = document.querySelector('input[name=csrf]');
  return field ? field.value : '';
}

// Buttons marked data-confirm ask before they submit ("Delete 3 posts?").
document.addEventListener('click', (event) => {
  const button = event.target.closest('[data-confirm]');
  if (button && !window.confirm(button.dataset.confirm)) event.preventDefault();
});
