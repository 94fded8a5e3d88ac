// Package demo loads realistic demo data: categories, products with SKUs
// and generated images, shoppers and orders in every state, so a newcomer
// sees a living store on first run.
package demo

type demoSKU struct {
	spec  map[string]string
	price int64 // fen
	stock int64
}

type demoProduct struct {
	title, subtitle string
	hue             int
	skus            []demoSKU
}

type demoCategory struct {
	name     string
	products []demoProduct
}

func one(price, stock int64) []demoSKU { return []demoSKU{{price: price, stock: stock}} }

func specs(key string, values []string, price, stock int64, step int64) []demoSKU {
	out := make([]demoSKU, len(values))
	for i, v := range values {
		out[i] = demoSKU{spec: map[string]string{key: v}, price: price + int64(i)*step, stock: stock}
	}
	return out
}

var catalogue = []demoCategory{
	{"生鲜水果", []demoProduct{
		{"赣南脐橙 5斤装", "果园直发，酸甜多汁", 28, specs("规格", []string{"5斤装", "10斤装"}, 3990, 200, 3000)},
		{"烟台红富士苹果", "脆甜爽口，一级果", 5, specs("规格", []string{"6个装", "12个装"}, 2990, 150, 2000)},
		{"海南金煌芒果", "香甜浓郁，核小肉厚", 45, one(4590, 120)},
		{"云南蓝莓 4盒", "每盒125g，颗颗饱满", 250, one(5990, 80)},
		{"阳光玫瑰葡萄", "无籽脆甜，玫瑰香", 95, specs("规格", []string{"1串", "2串礼盒"}, 3990, 90, 3500)},
		{"新疆阿克苏冰糖心苹果", "冰糖心，自然成熟", 10, one(4990, 100)},
	}},
	{"休闲零食", []demoProduct{
		{"每日坚果 30包", "七种坚果果干科学配比", 35, one(12900, 300)},
		{"手工牛轧糖", "台湾风味，奶香浓郁", 330, specs("口味", []string{"原味", "蔓越莓", "抹茶"}, 3590, 200, 0)},
		{"麻辣牛肉干", "内蒙古风干牛肉", 0, specs("口味", []string{"麻辣", "五香"}, 6800, 160, 0)},
		{"海苔脆片", "低脂香脆，儿童零食", 140, one(1990, 400)},
		{"蛋黄酥 6枚", "现烤酥皮，咸蛋黄流沙", 40, one(3290, 180)},
	}},
	{"美妆个护", []demoProduct{
		{"氨基酸洁面乳", "温和清洁，敏感肌可用", 200, one(6900, 250)},
		{"玻尿酸补水面膜 10片", "深层补水，提亮肤色", 190, one(9900, 220)},
		{"防晒霜 SPF50+", "清爽不油腻，户外通勤", 50, specs("容量", []string{"30ml", "60ml"}, 8900, 140, 5000)},
		{"护手霜礼盒", "三支装，滋润不黏腻", 320, one(5900, 120)},
		{"天然精油洗发水", "无硅油，控油蓬松", 160, specs("容量", []string{"500ml", "1L"}, 5900, 200, 3000)},
	}},
	{"家居日用", []demoProduct{
		{"纯棉四件套", "60支长绒棉，亲肤透气", 210, specs("尺寸", []string{"1.5米床", "1.8米床"}, 29900, 60, 4000)},
		{"记忆棉枕头", "慢回弹，护颈助眠", 230, one(15900, 90)},
		{"不粘锅炒锅", "麦饭石涂层，少油烟", 15, specs("尺寸", []string{"30cm", "32cm"}, 19900, 70, 2000)},
		{"厨房收纳套装", "多层置物，节省空间", 180, one(8900, 110)},
		{"加厚珊瑚绒毛毯", "柔软保暖，四季可用", 300, specs("颜色", []string{"灰色", "米白", "藏青"}, 12900, 80, 0)},
	}},
	{"母婴玩具", []demoProduct{
		{"婴儿纸尿裤", "超薄透气，干爽一整夜", 190, specs("尺码", []string{"S", "M", "L", "XL"}, 9900, 200, 1000)},
		{"儿童益智积木", "大颗粒，安全环保材质", 20, one(12800, 100)},
		{"宝宝辅食研磨碗", "食品级材质，易清洗", 90, one(3990, 150)},
		{"儿童绘本 10册", "启蒙认知，亲子共读", 30, one(9800, 130)},
		{"遥控越野车", "四驱攀爬，可充电", 5, specs("颜色", []string{"红色", "蓝色"}, 15900, 60, 0)},
	}},
	{"茶酒饮品", []demoProduct{
		{"明前龙井 250g", "西湖核心产区，手工炒制", 100, one(39900, 50)},
		{"云南普洱熟茶饼", "357g 经典七子饼", 25, one(16800, 70)},
		{"精酿啤酒 12瓶", "比利时风格小麦啤", 42, one(13800, 90)},
		{"冷萃咖啡液", "0糖0脂，随身冷萃", 20, specs("规格", []string{"10颗", "20颗"}, 4990, 300, 4000)},
		{"桂花乌龙茶包", "三角茶包 30袋", 38, one(3990, 250)},
	}},
}
