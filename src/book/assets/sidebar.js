if (window.matchMedia && matchMedia("(max-width:760px)").matches) document.querySelector(".sidebar details.menu").open = false;
